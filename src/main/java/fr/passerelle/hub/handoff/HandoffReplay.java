package fr.passerelle.hub.handoff;

import fr.passerelle.hub.failure.NotFoundException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An operator's replay of a parked handoff: a fresh series of attempts starting now, the earlier ones kept on
 * record. The operator console calls this too.
 */
@Component
public class HandoffReplay {

    private static final Logger log = LoggerFactory.getLogger(HandoffReplay.class);

    private final HandoffOutbox outbox;

    public HandoffReplay(HandoffOutbox outbox) {
        this.outbox = outbox;
    }

    /**
     * @throws NotFoundException no such handoff
     * @throws HandoffNotReplayableException it is neither PARKED nor FAILED (already delivered, say)
     */
    public Handoff replay(UUID handoffId, String operator) {
        Handoff handoff = outbox.find(handoffId).orElseThrow(() -> new NotFoundException("handoff"));
        if (!outbox.replay(handoffId, operator)) {
            throw new HandoffNotReplayableException(handoff.status());
        }
        log.info("Handoff {} replayed by operator {}", handoffId, operator);
        return outbox.find(handoffId).orElseThrow();
    }
}
