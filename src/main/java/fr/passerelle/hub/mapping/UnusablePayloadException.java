package fr.passerelle.hub.mapping;

/**
 * The payload as a whole cannot be read (malformed JSON, missing required column, not a spreadsheet…): it is
 * rejected with this one reason, in French, for the sender.
 */
public class UnusablePayloadException extends RuntimeException {

    private final String code;

    public UnusablePayloadException(String code, String message) {
        super(message);
        this.code = code;
    }

    public UnusablePayloadException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
