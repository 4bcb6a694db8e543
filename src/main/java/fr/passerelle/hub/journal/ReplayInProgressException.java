package fr.passerelle.hub.journal;

import fr.passerelle.hub.failure.FailureKind;
import fr.passerelle.hub.failure.HubException;

/** A message or handoff is never replayed twice at once: the second request is refused while the first runs. */
class ReplayInProgressException extends HubException {

    ReplayInProgressException(String kind) {
        super(FailureKind.CONFLICT, "REJEU_EN_COURS", "Rejeu déjà en cours",
                "un rejeu de ce " + kind + " est déjà en cours");
    }
}
