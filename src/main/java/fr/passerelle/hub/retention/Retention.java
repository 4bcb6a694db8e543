package fr.passerelle.hub.retention;

import fr.passerelle.hub.intake.IntakeRetention;
import fr.passerelle.hub.partner.Partner;
import fr.passerelle.hub.partner.PartnerFolders;
import fr.passerelle.hub.partner.PartnerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One tick of routes/retention-prune.yaml: each tier pruned by its owner (intake's tables by {@link IntakeRetention},
 * partners' folders by {@link PartnerFolders}), one bounded batch each, so a long backlog drains over several ticks
 * without holding locks long. Failed messages keep their body until resolved plus the grace period.
 */
@Component
public class Retention {

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final RetentionProperties tiers;
    private final IntakeRetention intake;
    private final PartnerFolders folders;
    private final PartnerRegistry partners;
    private final MeterRegistry meters;
    private final Clock clock;

    Retention(RetentionProperties tiers, IntakeRetention intake, PartnerFolders folders, PartnerRegistry partners,
              MeterRegistry meters, Clock clock) {
        this.tiers = tiers;
        this.intake = intake;
        this.folders = folders;
        this.partners = partners;
        this.meters = meters;
        this.clock = clock;
    }

    public void run() {
        Instant now = Instant.now(clock);
        int bodies = intake.pruneBodies(now.minus(tiers.payloadBodies()), now.minus(tiers.resolvedGrace()),
                tiers.batchSize());
        int details = intake.pruneRecordDetails(now.minus(tiers.recordDetails()), tiers.batchSize());
        long bytes = 0;
        for (Partner partner : partners.all()) {
            bytes += folders.pruneFiles(partner.id(), PartnerFolders.Area.ARCHIVE, now.minus(tiers.archivedFiles()),
                    tiers.batchSize());
            bytes += folders.pruneFiles(partner.id(), PartnerFolders.Area.OUTBOX, now.minus(tiers.outboxFiles()),
                    tiers.batchSize());
        }
        meters.counter("passerelle.retention.pruned", "kind", "payload-body", "route", "retention-prune").increment(bodies);
        meters.counter("passerelle.retention.pruned", "kind", "record-detail", "route", "retention-prune").increment(details);
        meters.counter("passerelle.retention.files.freed.bytes", "route", "retention-prune").increment(bytes);
        if (bodies + details > 0 || bytes > 0) {
            log.info("Retention: {} payload bodies, {} record details, {} bytes of files pruned", bodies, details, bytes);
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
