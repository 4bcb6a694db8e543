package fr.passerelle.hub.mapping;

import fr.passerelle.hub.failure.FailureKind;
import fr.passerelle.hub.failure.HubException;
import java.util.List;

/** A payload whose structure cannot be used at all (not JSON, not a workbook, a required column missing…): one reason. */
public class UnusablePayloadException extends HubException {

    public UnusablePayloadException(String code, String message) {
        this(code, message, null);
    }

    public UnusablePayloadException(String code, String message, Throwable cause) {
        super(FailureKind.CLIENT_ERROR, code, "Contenu inutilisable", message, List.of(), cause);
    }
}
