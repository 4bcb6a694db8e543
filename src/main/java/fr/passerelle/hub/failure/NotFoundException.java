package fr.passerelle.hub.failure;

/** What the caller asked for does not exist for them: absent and another partner's look the same (SPEC §4.1). */
public class NotFoundException extends HubException {

    private final String what;
    private final String id;

    public NotFoundException(String what) {
        this(what, null);
    }

    /** {@code id}: the identifier as the caller gave it, echoed back by channels whose contract names it. */
    public NotFoundException(String what, String id) {
        super(FailureKind.NOT_FOUND, "INTROUVABLE", "Introuvable", "ressource introuvable");
        this.what = what;
        this.id = id;
    }

    /** What kind of thing was looked for (for logs). */
    public String what() {
        return what;
    }

    public String id() {
        return id;
    }
}
