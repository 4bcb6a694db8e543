package fr.passerelle.hub.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.partner.Channel;
import java.time.Instant;
import java.util.UUID;

/** A handoff as stored in the outbox: for whom, why, by which channel, and where its delivery stands. */
public record Handoff(UUID id, UUID beneficiaryId, String trigger, String ruleId, String reason, String explanation,
                      String recipientKey, String recipientRole, String recipientName, String recipientEmail, String recipientStructure,
                      String recipientPartnerId, Channel channel, HandoffStatus status, String statusReason,
                      int attempts, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt,
                      Instant acknowledgedAt, String acknowledgedBy, Instant parkedAt, int replays, JsonNode payload) {

    /**
     * Where the handoff goes: the partner's endpoint on this channel, or the person or structure outside the network.
     * Back-off and the in-flight limit apply per endpoint, so one dead endpoint never holds the others' workers.
     */
    public String endpoint() {
        return endpoint(channel.name(), recipientPartnerId, recipientKey);
    }

    static String endpoint(String channel, String partnerId, String recipientKey) {
        return channel + ":" + (partnerId != null ? partnerId : recipientKey);
    }
}
