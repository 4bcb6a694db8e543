package fr.passerelle.hub.soap;

/** Absent, or sent by another partner: a partner never learns whether someone else's orientation exists. */
class OrientationNotFoundException extends RuntimeException {

    private final String id;

    OrientationNotFoundException(String id) {
        super("orientation not found");
        this.id = id;
    }

    String id() {
        return id;
    }
}
