package fr.passerelle.hub.journal;

import fr.passerelle.hub.failure.FailureKind;
import fr.passerelle.hub.failure.HubException;

/** A job is paused only while running, resumed only while paused, cancelled only before it ends. */
class ReplayJobStateException extends HubException {

    ReplayJobStateException(String state, String action) {
        super(FailureKind.CONFLICT, "TRAVAIL_NON_MODIFIABLE", "Travail de rejeu non modifiable",
                "le travail est " + state + " : impossible de le " + action);
    }
}
