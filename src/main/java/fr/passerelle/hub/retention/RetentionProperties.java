package fr.passerelle.hub.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code passerelle.retention}: how long each kind of operational data is kept.
 *
 * @param payloadBodies  raw payload bodies (sealed); their metadata stays
 * @param recordDetails  the sealed cells of file records kept for reject reports
 * @param resolvedGrace  a message that failed and was resolved keeps its body this long after its resolution
 * @param archivedFiles  partners' processed files ({@code .processed/<partner>/done|error})
 * @param outboxFiles    files in partners' outboxes (reject reports, handoff files)
 * @param batchSize      rows or files pruned at most per kind and per tick
 */
@ConfigurationProperties("passerelle.retention")
public record RetentionProperties(boolean enabled, Duration pollInterval, Duration payloadBodies, Duration recordDetails,
                                  Duration resolvedGrace, Duration archivedFiles, Duration outboxFiles, int batchSize) {
}
