package fr.passerelle.hub.api;

import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.failure.FailureKind;
import fr.passerelle.hub.failure.HubException;
import java.util.List;

/** A query parameter the API cannot read: 400, naming the parameter. */
public class InvalidParameterException extends HubException {

    public InvalidParameterException(String parameter, String message) {
        super(FailureKind.CLIENT_ERROR, "PARAMETRE_INVALIDE", "Paramètre invalide", "paramètre " + parameter
                + " invalide", List.of(new FieldIssue(parameter, "PARAMETRE_INVALIDE", message)), null);
    }
}
