package fr.passerelle.hub.handoff;

import fr.passerelle.hub.failure.FailureKind;
import fr.passerelle.hub.failure.HubException;

/** Only parked or failed handoffs are replayed; a delivered or pending one is left as it is. */
class HandoffNotReplayableException extends HubException {

    public HandoffNotReplayableException(HandoffStatus status) {
        super(FailureKind.CONFLICT, "TRANSFERT_NON_REJOUABLE", "Transfert non rejouable",
                "le transfert est " + status + " ; seuls les transferts PARKED ou FAILED sont rejoués");
    }
}
