package fr.passerelle.hub.handoff.referent;

import fr.passerelle.hub.failure.FailureKind;
import fr.passerelle.hub.failure.HubException;

/** An approved take-over that no longer applies (the handoff was declined, or names nobody any more). */
class TakeOverNotApplicableException extends HubException {

    TakeOverNotApplicableException(String detail) {
        super(FailureKind.CONFLICT, "RELAIS_NON_APPLICABLE", "Prise de relais non applicable", detail);
    }
}
