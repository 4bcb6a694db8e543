package fr.passerelle.hub.pull;

/**
 * What the partner served cannot be used (a 4xx answer, a page that is not a dossiers page, a file too large): it
 * is journaled and reported, never retried in a loop. An API run stopped by it does not advance its checkpoint, so
 * nothing after the bad page is skipped once the partner fixes it.
 */
public class PullRejectedException extends RuntimeException {

    private final String code;

    public PullRejectedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** Error code for the journal, logs and metrics ({@code HTTP_401}, {@code PAGE_INUTILISABLE}…). */
    public String code() {
        return code;
    }
}
