package fr.passerelle.hub.intake;

import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.failure.FailureKind;
import fr.passerelle.hub.failure.HubException;
import java.util.List;

/** A single record (REST body, SOAP call) that breaks the partner's mapping or the rules: every error, with its field. */
public class RecordRejectedException extends HubException {

    public RecordRejectedException(List<FieldIssue> errors) {
        super(FailureKind.CLIENT_ERROR, "ORIENTATION_INVALIDE", "Orientation invalide",
                errors.size() + " erreur(s) : l'orientation n'a pas été enregistrée", errors, null);
    }
}
