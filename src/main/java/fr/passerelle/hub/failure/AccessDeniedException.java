package fr.passerelle.hub.failure;

/** The caller is known but may not do this. */
public class AccessDeniedException extends HubException {

    public AccessDeniedException(String detail) {
        super(FailureKind.FORBIDDEN, "ACCES_REFUSE", "Accès refusé", detail);
    }
}
