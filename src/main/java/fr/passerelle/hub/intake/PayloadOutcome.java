package fr.passerelle.hub.intake;

import java.util.UUID;

/**
 * What became of a multi-record payload.
 *
 * @param status     DONE (processed, possibly with rejected records), REJECTED (unusable as a whole) or
 *                   DUPLICATE (same name and digest already processed: nothing done)
 * @param reportName the reject report written to the partner's outbox, if any
 */
public record PayloadOutcome(UUID inboundFileId, MessageOutcome status, int total, int accepted, int rejected,
                             String reason, String reportName) {
}
