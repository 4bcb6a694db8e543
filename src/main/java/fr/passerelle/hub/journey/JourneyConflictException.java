package fr.passerelle.hub.journey;

import fr.passerelle.hub.failure.FailureKind;
import fr.passerelle.hub.failure.HubException;

/** A valid event that the beneficiary's journey cannot take now (e.g. a workshop before eligibility). */
class JourneyConflictException extends HubException {

    public JourneyConflictException(String code, String message) {
        super(FailureKind.CONFLICT, code, "Événement incompatible avec le parcours", message);
    }
}
