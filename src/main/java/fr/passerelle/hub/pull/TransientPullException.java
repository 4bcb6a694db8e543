package fr.passerelle.hub.pull;

import fr.passerelle.hub.failure.FailureKind;
import fr.passerelle.hub.failure.HubException;
import java.util.List;

/** The partner's server unreachable, slow, or answering 5xx/429: retried with back-off. */
public class TransientPullException extends HubException {

    public TransientPullException(String code, String message) {
        this(code, message, null);
    }

    /** {@code code} is the error code for logs and metrics ({@code HTTP_503}, {@code RESEAU}…). */
    public TransientPullException(String code, String message, Throwable cause) {
        super(FailureKind.TRANSIENT, code, "Partenaire injoignable", message, List.of(), cause);
    }
}
