package fr.passerelle.hub.failure;

import fr.passerelle.hub.canonical.FieldIssue;
import java.util.List;

/**
 * A failure as the outside world sees it: a stable code (returned to the sender, journaled, counted), a kind, a
 * French title and detail with no personal data, and the field errors when the sender's data is at fault.
 */
public interface Failure {

    String code();

    FailureKind kind();

    String title();

    String detail();

    default List<FieldIssue> errors() {
        return List.of();
    }

    /** The failure a throwable stands for: its own when it carries one, otherwise transient or internal. */
    static Failure of(Throwable thrown) {
        if (thrown instanceof Failure failure) {
            return failure;
        }
        // A body cut at the edge (security/RequestSizeLimit) surfaces wrapped by whoever was reading it.
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return tooLarge;
            }
        }
        if (TransientFailures.isTransient(thrown)) {
            return new HubFailure(FailureKind.TRANSIENT, "INDISPONIBLE", "Service momentanément indisponible",
                    "le hub ne peut pas traiter ce message pour l'instant ; réessayez plus tard", List.of());
        }
        return new HubFailure(FailureKind.INTERNAL, "ERREUR_INTERNE", "Erreur interne",
                "erreur interne ; le message reçu est conservé pour un opérateur", List.of());
    }

    record HubFailure(FailureKind kind, String code, String title, String detail, List<FieldIssue> errors)
            implements Failure {
    }
}
