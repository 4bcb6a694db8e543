package fr.passerelle.hub.intake;

import fr.passerelle.hub.failure.FailureKind;
import fr.passerelle.hub.failure.HubException;

/** Only a message the hub failed on is run again; one the sender got wrong, or one already through, is left alone. */
public class MessageNotReplayableException extends HubException {

    public MessageNotReplayableException(String detail) {
        super(FailureKind.CONFLICT, "MESSAGE_NON_REJOUABLE", "Message non rejouable", detail);
    }
}
