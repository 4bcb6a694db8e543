package fr.passerelle.hub.handoff.channel;

/**
 * A delivery attempt failed. {@code code} is stable (HTTP_503, CONNEXION_REFUSEE, DELAI_DEPASSE…), recorded on the
 * attempt and counted; the detail never carries personal data.
 */
public class DeliveryException extends Exception {

    private final String code;

    public DeliveryException(String code, String detail) {
        super(detail);
        this.code = code;
    }

    public DeliveryException(String code, String detail, Throwable cause) {
        super(detail, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
