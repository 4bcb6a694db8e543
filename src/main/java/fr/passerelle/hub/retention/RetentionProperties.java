package fr.passerelle.hub.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code passerelle.retention}: how long each kind of operational data is kept.
 *
 * @param payloadBodies   raw payload bodies (sealed); their metadata stays
 * @param recordDetails   the sealed cells of file records and the stored reject reports (both quote rows)
 * @param resolvedGrace   a message or handoff that failed (or was parked) and was resolved keeps its body or payload
 *                        this long after its resolution
 * @param handoffPayloads the payload of a finished handoff (delivered, pulled, acknowledged, declined); the handoff stays
 * @param journalMetadata rows deleted: attempts of finished handoffs, finished replays and replay jobs, resolved alerts
 *                        with their notifications, messages (with their file and records) no referral revision references
 * @param archivedFiles   partners' processed files ({@code .processed/<partner>/done|error})
 * @param outboxFiles     files in partners' outboxes (reject reports, handoff files)
 * @param batchSize       rows or files pruned at most per kind and per tick
 */
@ConfigurationProperties("passerelle.retention")
public record RetentionProperties(boolean enabled, Duration pollInterval, Duration payloadBodies, Duration recordDetails,
                                  Duration resolvedGrace, Duration handoffPayloads, Duration journalMetadata,
                                  Duration archivedFiles, Duration outboxFiles, int batchSize) {
}
