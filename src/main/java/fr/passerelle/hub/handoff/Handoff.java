package fr.passerelle.hub.handoff;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.partner.Channel;
import java.time.Instant;
import java.util.UUID;

/** A handoff as stored in the outbox: for whom, why, by which channel, and where its delivery stands. */
public record Handoff(UUID id, UUID beneficiaryId, String trigger, String ruleId, String reason, String explanation,
                      String recipientRole, String recipientName, String recipientEmail, String recipientStructure,
                      String recipientPartnerId, Channel channel, HandoffStatus status, String statusReason,
                      int attempts, Instant nextAttemptAt, Instant createdAt, Instant deliveredAt,
                      Instant acknowledgedAt, String acknowledgedBy, Instant parkedAt, int replays, JsonNode payload) {
}
