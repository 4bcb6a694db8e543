package fr.passerelle.hub.handoff.channel;

import fr.passerelle.hub.handoff.Handoff;
import fr.passerelle.hub.partner.Channel;

/**
 * One way of pushing a handoff to its recipient. Returning normally means the recipient's side took it
 * (delivered); the dispatcher handles retries, back-off and parking.
 */
public interface HandoffChannel {

    /** The stable handoff id every channel sends with the handoff, so that the receiver can de-duplicate (SPEC §5). */
    String HANDOFF_ID_HEADER = "X-Passerelle-Handoff-Id";

    Channel channel();

    void deliver(Handoff handoff) throws DeliveryException;
}
