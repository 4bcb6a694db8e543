package fr.passerelle.hub.intake;

import fr.passerelle.hub.failure.FailureKind;
import fr.passerelle.hub.failure.HubException;

/** A partner sending on a channel, or with a mapping, that is not configured as its own. */
public class ChannelNotAllowedException extends HubException {

    public ChannelNotAllowedException() {
        super(FailureKind.FORBIDDEN, "CANAL_NON_AUTORISE", "Canal non autorisé",
                "ce partenaire n'est pas autorisé à envoyer des orientations par ce canal");
    }
}
