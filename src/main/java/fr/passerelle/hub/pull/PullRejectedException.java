package fr.passerelle.hub.pull;

import fr.passerelle.hub.failure.FailureKind;
import fr.passerelle.hub.failure.HubException;

/** The partner's answer or file cannot be used ({@code HTTP_401}, {@code PAGE_INUTILISABLE}…): never retried. */
public class PullRejectedException extends HubException {

    public PullRejectedException(String code, String message) {
        super(FailureKind.CLIENT_ERROR, code, "Réponse du partenaire inutilisable", message);
    }
}
