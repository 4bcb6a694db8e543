package fr.passerelle.hub.pull;

/**
 * The partner's server could not answer now (unreachable, timeout, 5xx, 429): retried with back-off by the
 * {@code pull-errors} route configuration; after the last retry the run or file is tried again at the next poll.
 */
public class TransientPullException extends RuntimeException {

    private final String code;

    public TransientPullException(String code, String message) {
        super(message);
        this.code = code;
    }

    public TransientPullException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Error code for logs and metrics ({@code HTTP_503}, {@code RESEAU}…). */
    public String code() {
        return code;
    }
}
