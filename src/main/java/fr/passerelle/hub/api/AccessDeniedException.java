package fr.passerelle.hub.api;

/** The caller is authenticated but its role does not allow this operation. */
public class AccessDeniedException extends RuntimeException {

    public AccessDeniedException(String reason) {
        super(reason);
    }
}
