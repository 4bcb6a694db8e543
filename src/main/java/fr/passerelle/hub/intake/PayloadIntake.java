package fr.passerelle.hub.intake;

import fr.passerelle.hub.correlation.Correlation;
import fr.passerelle.hub.security.Digests;
import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.failure.Failure;
import fr.passerelle.hub.failure.FailureKind;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Intake of a payload holding many records (a partner file, a page of a partner API), whatever its channel.
 * The payload is stored before it is read; each record is then mapped and accepted or rejected on its own, and
 * its fate recorded, so one bad row never blocks the others and a restart resumes where processing stopped.
 * Records are accepted in chunks ({@code passerelle.intake.chunk-size}): one transaction per chunk, each record in
 * a savepoint of its own so that a refused record is rolled back alone and reported; the chunk's journal rows
 * ({@code inbound_record}) commit with its referrals, so a stop mid-file loses and doubles nothing. A chunk that
 * fails as a whole (a deadlock with another intake, the database gone for a moment) is taken again record by
 * record, each in its own transaction. A large file's chunks can be spread over several threads
 * ({@code passerelle.intake.workers}).
 * Plain Java: channels (SFTP, HTTP pull…) call it from their routes.
 */
@Component
public class PayloadIntake {

    private static final Logger log = LoggerFactory.getLogger(PayloadIntake.class);
    /** Tries of one record taken alone when it meets transient failures (deadlocks with concurrent chunks). */
    private static final int RECORD_ATTEMPTS = 5;
    /** Reason code of a file quarantined after two resumes in a row stopped the same way. */
    static final String QUARANTINE_CODE = "FILE_QUARANTINED";

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
    private final int chunkSize;
    private final FileClaims claims;
    private final IntakeProperties properties;
    private final ExecutorService workers;

    public PayloadIntake(RawMessageStore rawMessages, InboundFileStore files, MappingCatalog mappings,
                         RecordMapper mapper, ReferralIntake intake, PartnerRegistry partners, RejectReports reports,
                         TransactionTemplate transactions, MeterRegistry meters, ApplicationEventPublisher events,
                         IntakeProperties properties, FileClaims claims) {
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
        this.chunkSize = Math.max(1, properties.chunkSize());
        this.claims = claims;
        this.properties = properties;
        AtomicInteger threads = new AtomicInteger();
        this.workers = properties.workers() <= 1 ? null : Executors.newFixedThreadPool(properties.workers(), runnable -> {
            Thread thread = new Thread(runnable, "intake-worker-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
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

    /**
     * Processes (or resumes) a registered file from its stored payload, under its claim: a file another instance (or
     * another thread) is processing is left to it.
     */
    public PayloadOutcome process(InboundFileStore.InboundFile file, String routeId) {
        Optional<FileClaims.Claim> claim = claims.tryClaim(file.id());
        if (claim.isEmpty()) {
            log.debug("Inbound file {} is being processed by another instance or thread; left to it", file.id());
            return new PayloadOutcome(file.id(), MessageOutcome.DUPLICATE, 0, 0, 0,
                    "fichier en cours de traitement par une autre instance du hub", null);
        }
        try (FileClaims.Claim held = claim.get()) {
            Optional<InboundFileStore.InboundFile> current = files.find(file.id());
            if (current.isPresent() && current.get().status().finished()) {
                // Finished by the instance that held the claim before us.
                return new PayloadOutcome(file.id(), MessageOutcome.DUPLICATE, 0, 0, 0, "fichier déjà traité", null);
            }
            return processClaimed(file, routeId);
        }
    }

    private PayloadOutcome processClaimed(InboundFileStore.InboundFile file, String routeId) {
        try {
            return processClaimedOnce(file, routeId);
        } catch (RuntimeException e) {
            Failure failure = Failure.of(e);
            try {
                if (failure.kind() == FailureKind.TRANSIENT) {
                    // The database or a dependency gone for a moment says nothing about the file: not counted.
                    files.forgetStop(file.id());
                } else {
                    files.recordFailure(file.id(), failure.code());
                }
            } catch (RuntimeException unrecorded) {
                e.addSuppressed(unrecorded);
            }
            throw e;
        }
    }

    private PayloadOutcome processClaimedOnce(InboundFileStore.InboundFile file, String routeId) {
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
            List<SourceRecord> pending = records.stream().filter(record -> !done.contains(record.position())).toList();
            processPending(file, partner, mapping, pending, source);
            TabularLayout layout = records.isEmpty() ? null : records.get(0).layout().orElse(null);
            return summarize(file, mapping, layout);
        }
    }

    private record Mapped(SourceRecord record, MappedRecord mapped) {
    }

    /**
     * The records not yet journaled, in chunks: one after the other, or spread over {@code passerelle.intake.workers}
     * threads. Spread by record key, so that the rows of one partner record stay in file order (the last one is the
     * current revision); decisions about people that share a key with another worker's rows wait for each other on
     * identity's locks, and a chunk caught in a deadlock is taken again record by record.
     */
    private void processPending(InboundFileStore.InboundFile file, Partner partner, MappingDefinition mapping,
                                List<SourceRecord> pending, IntakeSource source) {
        if (workers == null || pending.size() <= chunkSize) {
            processInChunks(file, partner, mapping, pending, source);
            return;
        }
        int count = properties.workers();
        List<List<SourceRecord>> partitions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            partitions.add(new ArrayList<>());
        }
        for (SourceRecord record : pending) {
            String key = mapper.map(mapping, record).recordKey();
            partitions.get(key == null ? 0 : Math.floorMod(key.hashCode(), count)).add(record);
        }
        List<Future<?>> running = new ArrayList<>();
        for (List<SourceRecord> partition : partitions) {
            running.add(workers.submit(() -> {
                try (var ignored = Correlation.of(file.rawMessageId(), file.partnerId())) {
                    processInChunks(file, partner, mapping, partition, source);
                }
            }));
        }
        RuntimeException failure = null;
        for (Future<?> worker : running) {
            try {
                worker.get();
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while processing inbound file " + file.id(), e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void processInChunks(InboundFileStore.InboundFile file, Partner partner, MappingDefinition mapping,
                                 List<SourceRecord> records, IntakeSource source) {
        for (int from = 0; from < records.size(); from += chunkSize) {
            processChunk(file, partner, mapping, records.subList(from, Math.min(from + chunkSize, records.size())),
                    source);
        }
    }

    @PreDestroy
    void stopWorkers() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    /** What a chunk did, counted once it has committed. */
    private static final class Tally {
        int accepted;
        int rejected;
        int failed;
    }

    private void processChunk(InboundFileStore.InboundFile file, Partner partner, MappingDefinition mapping,
                              List<SourceRecord> chunk, IntakeSource source) {
        List<Mapped> mapped = chunk.stream().map(record -> new Mapped(record, mapper.map(mapping, record))).toList();
        if (mapped.size() == 1) {
            processRecord(file, partner, mapped.get(0), source);
            return;
        }
        Tally tally = new Tally();
        try {
            transactions.executeWithoutResult(status -> {
                tally.accepted = tally.rejected = tally.failed = 0;
                List<InboundFileStore.RecordResult> results = new ArrayList<>(mapped.size());
                for (Mapped record : mapped) {
                    results.add(acceptInChunk(file, partner, record, status, tally));
                }
                files.recordResults(file.id(), results);
            });
        } catch (RuntimeException chunkFailed) {
            log.warn("Chunk of {} records from position {} of inbound file {} failed as a whole ({}); taking them one by one",
                    mapped.size(), chunk.get(0).position(), file.id(), chunkFailed.getClass().getName());
            for (Mapped record : mapped) {
                processRecord(file, partner, record, source);
            }
            return;
        }
        meters.counter("passerelle.intake.accepted", source.tags()).increment(tally.accepted);
        meters.counter("passerelle.intake.rejected", source.tags()).increment(tally.rejected);
        meters.counter("passerelle.intake.failed", source.tags()).increment(tally.failed);
    }

    /**
     * One record inside its chunk's transaction: mapping errors are recorded as they are; an accepted record runs in
     * a savepoint, so that a refusal (a reused record key…) or a failure of its own undoes only its work. A transient
     * failure (deadlock, lost connection) fails the chunk, which is then taken record by record.
     */
    private InboundFileStore.RecordResult acceptInChunk(InboundFileStore.InboundFile file, Partner partner, Mapped record,
                                                        TransactionStatus status, Tally tally) {
        SourceRecord source = record.record();
        MappedRecord mapped = record.mapped();
        if (!mapped.accepted()) {
            events.publishEvent(new ReferralRejected(file.partnerId(), file.channel(), file.rawMessageId(),
                    source.position(), mapped.recordKey(), mapped.errors()));
            tally.rejected++;
            return new InboundFileStore.RecordResult(source.position(), mapped.recordKey(), MessageOutcome.REJECTED, null,
                    mapped.errors(), mapped.warnings(), source.cells());
        }
        Object savepoint = status.createSavepoint();
        try {
            IntakeResult result = intake.accept(partner, file.channel(), file.rawMessageId(), mapped);
            status.releaseSavepoint(savepoint);
            tally.accepted++;
            // Cells are kept only when the row will appear in the report (a dropped optional value).
            return new InboundFileStore.RecordResult(source.position(), mapped.recordKey(), MessageOutcome.ACCEPTED,
                    result.referralId(), List.of(), mapped.warnings(), mapped.warnings().isEmpty() ? List.of() : source.cells());
        } catch (RuntimeException e) {
            Failure failure = Failure.of(e);
            if (failure.kind() == FailureKind.TRANSIENT) {
                throw e;
            }
            status.rollbackToSavepoint(savepoint);
            if (failure.kind().hubAtFault()) {
                tally.failed++;
            } else {
                tally.rejected++;
            }
            return refused(file, source, mapped, e, failure);
        }
    }

    private void processRecord(InboundFileStore.InboundFile file, Partner partner, Mapped one, IntakeSource source) {
        SourceRecord record = one.record();
        MappedRecord mapped = one.mapped();
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
            IntakeResult accepted = acceptAlone(file, partner, record, mapped);
            meters.counter("passerelle.intake.accepted", source.tags()).increment();
            if (accepted != null && accepted.beneficiaryId() != null) {
                meters.counter("passerelle.intake.matched", source.tags()).increment();
            }
        } catch (RuntimeException e) {
            // One record that cannot be stored must not stop the others; it is reported and stays replayable.
            Failure failure = Failure.of(e);
            files.recordResult(file.id(), refused(file, record, mapped, e, failure));
            meters.counter(failure.kind().hubAtFault() ? "passerelle.intake.failed" : "passerelle.intake.rejected",
                    source.tags()).increment();
        }
    }

    /**
     * One record in a transaction of its own. A transient failure (a deadlock with a concurrent chunk, whose identity
     * locks it met in another order) is tried again: the other transaction has gone on, so the record's turn comes.
     */
    private IntakeResult acceptAlone(InboundFileStore.InboundFile file, Partner partner, SourceRecord record,
                                     MappedRecord mapped) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> {
                    IntakeResult result = intake.accept(partner, file.channel(), file.rawMessageId(), mapped);
                    // Cells are kept only when the row will appear in the report (a dropped optional value).
                    files.recordResult(file.id(), new InboundFileStore.RecordResult(record.position(),
                            mapped.recordKey(), MessageOutcome.ACCEPTED, result.referralId(), List.of(),
                            mapped.warnings(), mapped.warnings().isEmpty() ? List.of() : record.cells()));
                    return result;
                });
            } catch (RuntimeException e) {
                if (attempt >= RECORD_ATTEMPTS || Failure.of(e).kind() != FailureKind.TRANSIENT) {
                    throw e;
                }
                log.info("Record at position {} of inbound file {} met a transient failure ({}); attempt {} of {}",
                        record.position(), file.id(), e.getClass().getSimpleName(), attempt + 1, RECORD_ATTEMPTS);
            }
        }
    }

    private static InboundFileStore.RecordResult refused(InboundFileStore.InboundFile file, SourceRecord record,
                                                         MappedRecord mapped, RuntimeException e, Failure failure) {
        if (failure.kind().hubAtFault()) {
            log.error("Record at position {} of inbound file {} failed: {}", record.position(), file.id(),
                    e.getClass().getName());
        } else {
            log.info("Record at position {} of inbound file {} refused: {}", record.position(), file.id(), failure.code());
        }
        List<FieldIssue> errors = failure.errors().isEmpty()
                ? List.of(new FieldIssue("", failure.code(), failure.detail())) : failure.errors();
        return new InboundFileStore.RecordResult(record.position(), mapped.recordKey(), MessageOutcome.REJECTED, null,
                errors, mapped.warnings(), record.cells());
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

    /**
     * A hub stopped in the middle of a file finishes it on the next start; with several instances, the leader also
     * looks regularly (route {@code inbound-files-resume}) for files an instance that died left unfinished.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeUnfinished() {
        for (InboundFileStore.InboundFile file : files.unfinished()) {
            log.info("Resuming inbound file {} interrupted by a stop", file.id());
            resume(file, "resume-unfinished-files");
        }
    }

    /**
     * Files left unfinished by an instance that died while others run on (route {@code inbound-files-resume}, on the
     * leader): each is resumed unless its claim is still held, i.e. its instance is alive and at work on it.
     */
    public void resumeOrphaned() {
        for (InboundFileStore.InboundFile file : files.unfinished()) {
            resume(file, "inbound-files-resume");
        }
    }

    /**
     * Resumes an unfinished file, unless two resumes in a row stopped at the same record with the same failure (or
     * with the JVM killed): such a file would kill or fail the hub at every start, so it is quarantined instead. A
     * resume that fails is recorded and left unfinished; it does not stop the other files from being resumed.
     */
    private void resume(InboundFileStore.InboundFile file, String routeId) {
        Optional<FileClaims.Claim> claim = claims.tryClaim(file.id());
        if (claim.isEmpty()) {
            return;
        }
        try (FileClaims.Claim held = claim.get()) {
            Optional<InboundFileStore.InboundFile> current = files.find(file.id());
            if (current.isEmpty() || current.get().status().finished()) {
                return;
            }
            InboundFileStore.Stop stop = files.lastStop(file.id());
            if (stop.sameAsPreviousResume()) {
                quarantine(file, stop, routeId);
                return;
            }
            files.markResumed(file.id(), stop);
            processClaimed(file, routeId);
        } catch (RuntimeException e) {
            log.error("Resuming inbound file {} failed ({}, {}); left unfinished", file.id(), Failure.of(e).code(),
                    e.getClass().getName());
        }
    }

    private void quarantine(InboundFileStore.InboundFile file, InboundFileStore.Stop stop, String routeId) {
        String cause = stop.failureCode() == null ? "arrêt brutal du hub" : stop.failureCode();
        files.quarantine(file.id(), QUARANTINE_CODE, ("Traitement arrêté deux fois de suite au même point (après %d "
                + "enregistrement(s), cause : %s) : fichier mis en quarantaine pour un opérateur ; les enregistrements "
                + "déjà traités sont conservés.").formatted(stop.position(), cause));
        rawMessages.recordOutcome(file.rawMessageId(), MessageOutcome.FAILED, QUARANTINE_CODE + " " + cause);
        meters.counter("passerelle.intake.files.quarantined",
                IntakeSource.tags(file.partnerId(), file.channel(), routeId)).increment();
        log.error("Inbound file {} quarantined: {} resumes, the last two stopped after {} records ({})", file.id(),
                stop.resumes(), stop.position(), cause);
    }
}
