package fr.passerelle.hub.retention;

import fr.passerelle.hub.alert.AlertRetention;
import fr.passerelle.hub.handoff.HandoffRetention;
import fr.passerelle.hub.intake.IntakeRetention;
import fr.passerelle.hub.journal.JournalRetention;
import fr.passerelle.hub.partner.Partner;
import fr.passerelle.hub.partner.PartnerFolders;
import fr.passerelle.hub.partner.PartnerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One tick of routes/retention-prune.yaml: each tier pruned by its owner (intake's tables by {@link IntakeRetention},
 * handoffs by {@link HandoffRetention}, replays by {@link JournalRetention}, alerts by {@link AlertRetention},
 * partners' folders by {@link PartnerFolders}), one bounded batch each, so a long backlog drains over several ticks
 * without holding locks long. Failed messages and unfinished handoffs keep their data until resolved plus the grace
 * period. The journal's replays go before intake's messages: a message a replay names waits for it.
 */
@Component
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final RetentionProperties tiers;
    private final IntakeRetention intake;
    private final HandoffRetention handoffs;
    private final JournalRetention journal;
    private final AlertRetention alerts;
    private final PartnerFolders folders;
    private final PartnerRegistry partners;
    private final MeterRegistry meters;
    private final Clock clock;

    Retention(RetentionProperties tiers, IntakeRetention intake, HandoffRetention handoffs, JournalRetention journal,
              AlertRetention alerts, PartnerFolders folders, PartnerRegistry partners, MeterRegistry meters,
              Clock clock) {
        this.tiers = tiers;
        this.intake = intake;
        this.handoffs = handoffs;
        this.journal = journal;
        this.alerts = alerts;
        this.folders = folders;
        this.partners = partners;
        this.meters = meters;
        this.clock = clock;
    }

    public void run() {
        Instant now = Instant.now(clock);
        Instant resolved = now.minus(tiers.resolvedGrace());
        Instant metadata = now.minus(tiers.journalMetadata());
        int batch = tiers.batchSize();
        Map<String, Integer> pruned = new LinkedHashMap<>();
        pruned.put("payload-body", intake.pruneBodies(now.minus(tiers.payloadBodies()), resolved, batch));
        pruned.put("record-detail", intake.pruneRecordDetails(now.minus(tiers.recordDetails()), batch));
        pruned.put("reject-report", intake.pruneReports(now.minus(tiers.recordDetails()), batch));
        pruned.put("handoff-payload", handoffs.prunePayloads(now.minus(tiers.handoffPayloads()), resolved, batch));
        pruned.put("handoff-attempt", handoffs.pruneAttempts(metadata, batch));
        JournalRetention.Deleted replays = journal.pruneFinished(metadata, batch);
        pruned.put("replay-job", replays.jobs());
        pruned.put("replay-job-item", replays.items());
        pruned.put("replay", replays.replays());
        AlertRetention.Deleted resolvedAlerts = alerts.pruneResolved(metadata, batch);
        pruned.put("alert", resolvedAlerts.alerts());
        pruned.put("alert-notification", resolvedAlerts.notifications());
        IntakeRetention.Deleted messages = intake.pruneMessages(metadata, resolved, batch);
        pruned.put("raw-message", messages.messages());
        pruned.put("inbound-file", messages.files());
        pruned.put("inbound-record", messages.records());
        long bytes = 0;
        for (Partner partner : partners.all()) {
            bytes += folders.pruneFiles(partner.id(), PartnerFolders.Area.ARCHIVE, now.minus(tiers.archivedFiles()),
                    batch);
            bytes += folders.pruneFiles(partner.id(), PartnerFolders.Area.OUTBOX, now.minus(tiers.outboxFiles()),
                    batch);
        }
        pruned.forEach((kind, count) -> meters.counter("passerelle.retention.pruned", "kind", kind,
                "route", "retention-prune").increment(count));
        meters.counter("passerelle.retention.files.freed.bytes", "route", "retention-prune").increment(bytes);
        if (pruned.values().stream().anyMatch(count -> count > 0) || bytes > 0) {
            // Counts by kind only: no id, no partner data.
            log.info("Retention: {} pruned, {} bytes of files freed", pruned.entrySet().stream()
                    .filter(entry -> entry.getValue() > 0).map(entry -> entry.getKey() + "=" + entry.getValue())
                    .collect(Collectors.joining(", ")), bytes);
        }
    }

    /** Per partner, the receipt time of the oldest payload still kept (the console's retention view). */
    public Map<String, Instant> oldestPayloadKept() {
        return intake.oldestPayloadKept();
    }

    public RetentionProperties tiers() {
        return tiers;
    }
}
