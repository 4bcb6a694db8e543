package fr.passerelle.hub.journey;

import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.failure.FailureKind;
import fr.passerelle.hub.failure.HubException;
import java.util.List;

/** A journey event that breaks the event schema: every error, with its field. */
class InvalidJourneyEventException extends HubException {

    public InvalidJourneyEventException(List<FieldIssue> errors) {
        super(FailureKind.CLIENT_ERROR, "EVENEMENT_INVALIDE", "Événement de parcours invalide",
                errors.size() + " erreur(s) : l'événement n'a pas été enregistré", errors, null);
    }
}
