package fr.passerelle.hub.intake;

import fr.passerelle.hub.correlation.Correlation;
import fr.passerelle.hub.security.Digests;
import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.failure.Failure;
import fr.passerelle.hub.mapping.MappedRecord;
import fr.passerelle.hub.mapping.MappingCatalog;
import fr.passerelle.hub.mapping.MappingDefinition;
import fr.passerelle.hub.mapping.PayloadReader;
import fr.passerelle.hub.mapping.RecordMapper;
import fr.passerelle.hub.mapping.SourceRecord;
import fr.passerelle.hub.mapping.TabularLayout;
import fr.passerelle.hub.mapping.UnusablePayloadException;
import fr.passerelle.hub.partner.Channel;
import fr.passerelle.hub.partner.Partner;
import fr.passerelle.hub.partner.PartnerRegistry;
import fr.passerelle.hub.referral.ReferralRejected;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Intake of a payload holding many records (a partner file, a page of a partner API), whatever its channel.
 * The payload is stored before it is read; each record is then mapped and accepted or rejected on its own, and
 * its fate recorded, so one bad row never blocks the others and a restart resumes where processing stopped.
 * Plain Java: channels (SFTP, HTTP pull…) call it from their routes.
 */
@Component
public class PayloadIntake {

    private static final Logger log = LoggerFactory.getLogger(PayloadIntake.class);

    private final RawMessageStore rawMessages;
    private final InboundFileStore files;
    private final MappingCatalog mappings;
    private final RecordMapper mapper;
    private final ReferralIntake intake;
    private final PartnerRegistry partners;
    private final RejectReports reports;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final ApplicationEventPublisher events;

    public PayloadIntake(RawMessageStore rawMessages, InboundFileStore files, MappingCatalog mappings,
                         RecordMapper mapper, ReferralIntake intake, PartnerRegistry partners, RejectReports reports,
                         TransactionTemplate transactions, MeterRegistry meters, ApplicationEventPublisher events) {
        this.rawMessages = rawMessages;
        this.files = files;
        this.mappings = mappings;
        this.mapper = mapper;
        this.intake = intake;
        this.partners = partners;
        this.reports = reports;
        this.transactions = transactions;
        this.meters = meters;
        this.events = events;
    }

    /** Refuses a partner on a channel it is not configured for, before anything is fetched or stored. */
    public void admit(String partnerId, Channel channel) {
        Admission.admit(partners.get(partnerId), channel);
    }

    /** Receives a payload: stored and registered first, then processed; the same file twice is processed once. */
    public PayloadOutcome receive(IntakeSource source, String fileName, byte[] content) {
        Partner partner = partners.get(source.partnerId());
        Admission.admit(partner, Channel.valueOf(source.channel()));
        Admission.mapping(mappings.get(source.mappingId()), partner);
        String digest = Digests.sha256(content);
        Optional<InboundFileStore.InboundFile> known = files.find(source.partnerId(), fileName, digest);
        if (known.isPresent()) {
            return finishedOrResumed(known.get(), source);
        }
        meters.counter("passerelle.intake.received", source.tags()).increment();
        Optional<InboundFileStore.InboundFile> registered = transactions.execute(status -> {
            RawMessage raw = rawMessages.store(source.partnerId(), source.channel(), fileName, null, content);
            return files.register(source.partnerId(), source.channel(), source.mappingId(), fileName, digest, raw.id());
        });
        if (registered.isEmpty()) {
            // Another thread registered the same file between our look-up and our insert.
            return finishedOrResumed(files.find(source.partnerId(), fileName, digest).orElseThrow(), source);
        }
        return process(registered.get(), source.routeId());
    }

    private PayloadOutcome finishedOrResumed(InboundFileStore.InboundFile file, IntakeSource source) {
        if (file.status().finished()) {
            meters.counter("passerelle.intake.duplicates", source.tags()).increment();
            return new PayloadOutcome(file.id(), MessageOutcome.DUPLICATE, 0, 0, 0, "fichier déjà traité", null);
        }
        return process(file, source.routeId());
    }

    /** Processes (or resumes) a registered file from its stored payload. */
    public PayloadOutcome process(InboundFileStore.InboundFile file, String routeId) {
        IntakeSource source = new IntakeSource(file.partnerId(), file.channel(), routeId, file.mappingId());
        try (var ignored = Correlation.of(file.rawMessageId(), file.partnerId())) {
            files.markProcessing(file.id());
            MappingDefinition mapping = mappings.get(file.mappingId());
            byte[] payload = rawMessages.payload(file.rawMessageId()).orElseThrow();
            List<SourceRecord> records;
            try {
                records = PayloadReader.read(mapping, payload);
            } catch (UnusablePayloadException unusable) {
                return rejectWhole(file, mapping, source, unusable);
            }
            Partner partner = partners.get(file.partnerId());
            Set<Integer> done = new HashSet<>(files.processedPositions(file.id()));
            for (SourceRecord record : records) {
                if (!done.contains(record.position())) {
                    processRecord(file, partner, mapping, record, source);
                }
            }
            TabularLayout layout = records.isEmpty() ? null : records.get(0).layout().orElse(null);
            return summarize(file, mapping, layout);
        }
    }

    private void processRecord(InboundFileStore.InboundFile file, Partner partner, MappingDefinition mapping,
                               SourceRecord record, IntakeSource source) {
        MappedRecord mapped = mapper.map(mapping, record);
        if (!mapped.accepted()) {
            transactions.executeWithoutResult(status -> {
                files.recordResult(file.id(), new InboundFileStore.RecordResult(record.position(), mapped.recordKey(),
                        MessageOutcome.REJECTED, null, mapped.errors(), mapped.warnings(), record.cells()));
                events.publishEvent(new ReferralRejected(file.partnerId(), file.channel(), file.rawMessageId(),
                        record.position(), mapped.recordKey(), mapped.errors()));
            });
            meters.counter("passerelle.intake.rejected", source.tags()).increment();
            return;
        }
        try {
            IntakeResult accepted = transactions.execute(status -> {
                IntakeResult result = intake.accept(partner, file.channel(), file.rawMessageId(), mapped);
                // Cells are kept only when the row will appear in the report (a dropped optional value).
                files.recordResult(file.id(), new InboundFileStore.RecordResult(record.position(), mapped.recordKey(),
                        MessageOutcome.ACCEPTED, result.referralId(), List.of(), mapped.warnings(),
                        mapped.warnings().isEmpty() ? List.of() : record.cells()));
                return result;
            });
            meters.counter("passerelle.intake.accepted", source.tags()).increment();
            if (accepted != null && accepted.beneficiaryId() != null) {
                meters.counter("passerelle.intake.matched", source.tags()).increment();
            }
        } catch (RuntimeException e) {
            // One record that cannot be stored must not stop the others; it is reported and stays replayable.
            Failure failure = Failure.of(e);
            if (failure.kind().hubAtFault()) {
                log.error("Record at position {} of inbound file {} failed: {}", record.position(), file.id(),
                        e.getClass().getName());
            } else {
                log.info("Record at position {} of inbound file {} refused: {}", record.position(), file.id(),
                        failure.code());
            }
            List<FieldIssue> errors = failure.errors().isEmpty()
                    ? List.of(new FieldIssue("", failure.code(), failure.detail())) : failure.errors();
            files.recordResult(file.id(), new InboundFileStore.RecordResult(record.position(), mapped.recordKey(),
                    MessageOutcome.REJECTED, null, errors, mapped.warnings(), record.cells()));
            meters.counter(failure.kind().hubAtFault() ? "passerelle.intake.failed" : "passerelle.intake.rejected",
                    source.tags()).increment();
        }
    }

    private PayloadOutcome rejectWhole(InboundFileStore.InboundFile file, MappingDefinition mapping, IntakeSource source,
                                       Failure failure) {
        Optional<RejectReports.Report> report = reports.forWholeFile(file, mapping, failure.detail());
        files.finish(file.id(), FileStatus.REJECTED, failure.code(), failure.detail(), 0, 0, 0,
                report.map(RejectReports.Report::name).orElse(null), report.map(RejectReports.Report::content).orElse(null));
        rawMessages.recordOutcome(file.rawMessageId(), MessageOutcome.REJECTED, failure.code());
        meters.counter("passerelle.intake.files.rejected", source.tags()).increment();
        log.info("Inbound file {} rejected as a whole: {}", file.id(), failure.code());
        return new PayloadOutcome(file.id(), MessageOutcome.REJECTED, 0, 0, 0, failure.detail(),
                report.map(RejectReports.Report::name).orElse(null));
    }

    private PayloadOutcome summarize(InboundFileStore.InboundFile file, MappingDefinition mapping, TabularLayout layout) {
        List<InboundFileStore.RecordResult> results = files.results(file.id());
        List<InboundFileStore.RecordResult> rejected = results.stream()
                .filter(result -> result.outcome() == MessageOutcome.REJECTED).toList();
        Optional<RejectReports.Report> report = reports.forRecords(file, mapping, layout, results);
        int accepted = results.size() - rejected.size();
        files.finish(file.id(), FileStatus.DONE, null, null, results.size(), accepted, rejected.size(),
                report.map(RejectReports.Report::name).orElse(null), report.map(RejectReports.Report::content).orElse(null));
        rawMessages.recordOutcome(file.rawMessageId(), MessageOutcome.DONE, accepted + " acceptée(s), " + rejected.size() + " rejetée(s)");
        log.info("Inbound file {} processed: {} records, {} accepted, {} rejected", file.id(), results.size(), accepted,
                rejected.size());
        return new PayloadOutcome(file.id(), MessageOutcome.DONE, results.size(), accepted, rejected.size(), null,
                report.map(RejectReports.Report::name).orElse(null));
    }

    /** A hub stopped in the middle of a file finishes it on the next start. */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeUnfinished() {
        for (InboundFileStore.InboundFile file : files.unfinished()) {
            log.info("Resuming inbound file {} interrupted by a stop", file.id());
            process(file, "resume-unfinished-files");
        }
    }
}
