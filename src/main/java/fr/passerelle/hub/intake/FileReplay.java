package fr.passerelle.hub.intake;

import fr.passerelle.hub.failure.Failure;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A failed file run again from its stored raw payload, through the same pipeline ({@link PayloadIntake#process}) and
 * the same mapping. Replayable: a file QUARANTINED (until a replay of it went through), or a finished file with records
 * the hub failed on ({@link InboundFileStore#HUB_FAILED}) that no replay settled yet; records the partner got wrong are
 * never replayed. The run is a new raw message ({@code replay_of} = the original's) with an inbound file of its own
 * ({@code inbound_file.replay_of}), which skips every record the original or an earlier run settled: only the failed
 * (or never reached) records are processed again, so nothing is accepted, reported or handed off twice; the referral's
 * unique key would make a record sent again a duplicate anyway. The run's reject report, if any, lists only the
 * records it processed, under the run's own name. One unfinished run per file (unique index), across instances; a run
 * interrupted by a stop is resumed at start-up like any file.
 */
@Component
public class FileReplay {

    private static final Logger log = LoggerFactory.getLogger(FileReplay.class);
    /** Route id of a replay run, for the intake's metric tags. */
    static final String ROUTE_ID = "journal-file-replay";

    /**
     * {@code inbound_file f} rows (originals) that a replay would help: quarantined with no replay through, or with a
     * record the hub failed on that no later run settled; with no run under way.
     */
    public static final String REPLAYABLE = """
            f.replay_of is null and f.status in ('DONE', 'QUARANTINED')
            and exists (select 1 from raw_message p where p.id = f.raw_message_id and p.payload_pruned_at is null)
            and not exists (select 1 from inbound_file u where u.replay_of = f.id and u.status in ('RECEIVED', 'PROCESSING'))
            and ((f.status = 'QUARANTINED'
                    and not exists (select 1 from inbound_file d where d.replay_of = f.id and d.status = 'DONE'))
                or exists (select 1 from inbound_record r
                    where r.inbound_file_id in (select f.id union all select rf.id from inbound_file rf where rf.replay_of = f.id)
                        and %s
                        and not exists (select 1 from inbound_record s
                            where s.inbound_file_id in (select f.id union all select sf.id from inbound_file sf
                                    where sf.replay_of = f.id)
                                and s.position = r.position and not %s)))""".formatted(InboundFileStore.HUB_FAILED,
            InboundFileStore.HUB_FAILED.replace("r.", "s."));

    /**
     * The ids of the original files that may be {@link #REPLAYABLE}, found from the few quarantined files and failed
     * records (their indexes) rather than by looking at every file: {@code f.id in (…) and REPLAYABLE}.
     */
    public static final String WITH_FAILURES = """
            (select q.id from inbound_file q where q.status = 'QUARANTINED' and q.replay_of is null
             union
             select coalesce(rf.replay_of, rf.id) from inbound_record r join inbound_file rf on rf.id = r.inbound_file_id
             where %s)""".formatted(InboundFileStore.HUB_FAILED);

    private record Stored(UUID fileId, String status, UUID replayOf, boolean running, boolean pruned,
                          boolean replayable) {
    }

    private final JdbcClient jdbc;
    private final RawMessageStore rawMessages;
    private final InboundFileStore files;
    private final PayloadIntake pipeline;
    private final TransactionTemplate transactions;

    FileReplay(JdbcClient jdbc, RawMessageStore rawMessages, InboundFileStore files, PayloadIntake pipeline,
               TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.rawMessages = rawMessages;
        this.files = files;
        this.pipeline = pipeline;
        this.transactions = transactions;
    }

    /** Whether this raw message is a file (or page) taken by the multi-record intake. */
    public boolean isFile(UUID messageId) {
        return stored(messageId).isPresent();
    }

    /** Why this file cannot be replayed, or empty when it can; empty too when the message is not a file. */
    public Optional<String> refusal(UUID messageId) {
        return stored(messageId).flatMap(file -> {
            if (file.replayOf() != null) {
                return Optional.of("ce fichier est lui-même un rejeu ; rejouez le fichier d'origine");
            }
            if (file.running()) {
                return Optional.of("un rejeu de ce fichier est en cours");
            }
            if (file.status().equals(FileStatus.REJECTED.name())) {
                return Optional.of("le fichier a été rejeté en entier (erreur du partenaire) ; il n'est pas rejoué");
            }
            if (!file.status().equals(FileStatus.DONE.name()) && !file.status().equals(FileStatus.QUARANTINED.name())) {
                return Optional.of("le fichier est en cours de traitement");
            }
            if (file.pruned()) {
                return Optional.of("le contenu du fichier n'est plus conservé (durée de conservation écoulée)");
            }
            if (!file.replayable()) {
                return Optional.of("aucun enregistrement du fichier n'est en échec (erreur du hub) ; les rejets du "
                        + "partenaire ne sont pas rejoués");
            }
            return Optional.empty();
        });
    }

    /**
     * Runs the file again, in the caller's thread (a replay job's): can take as long as the file did.
     *
     * @throws MessageNotReplayableException not a replayable file, or a run of it is under way
     */
    public MessageReplay.Run replay(UUID messageId) {
        refusal(messageId).ifPresent(reason -> {
            throw new MessageNotReplayableException(reason);
        });
        Stored original = stored(messageId).orElseThrow();
        InboundFileStore.InboundFile run = transactions.execute(status -> {
            UUID runMessage = rawMessages.storeReplay(messageId);
            Optional<InboundFileStore.InboundFile> registered = files.registerReplay(original.fileId(), runMessage);
            if (registered.isEmpty()) {
                status.setRollbackOnly();
            }
            return registered.orElse(null);
        });
        if (run == null) {
            throw new MessageNotReplayableException("un rejeu de ce fichier est en cours");
        }
        log.info("Inbound file {} replayed as file {}", original.fileId(), run.id());
        try {
            PayloadOutcome outcome = pipeline.process(run, ROUTE_ID);
            int stillFailed = jdbc.sql("select count(*) from inbound_record r where r.inbound_file_id = :id and "
                    + InboundFileStore.HUB_FAILED).param("id", run.id()).query(Integer.class).single();
            String detail = outcome.status() == MessageOutcome.DONE
                    ? "%d enregistrement(s) rejoué(s) : %d accepté(s), %d rejeté(s) dont %d encore en échec"
                    .formatted(outcome.total(), outcome.accepted(), outcome.rejected(), stillFailed)
                    : outcome.reason();
            MessageOutcome result = outcome.status() == MessageOutcome.DONE && stillFailed > 0 ? MessageOutcome.FAILED
                    : outcome.status();
            return new MessageReplay.Run(messageId, run.rawMessageId(), result, null, detail);
        } catch (RuntimeException e) {
            // The run stays unfinished: it is resumed like any interrupted file (at start-up, or by the leader).
            Failure failure = Failure.of(e);
            log.error("Replay of inbound file {} stopped: {}", original.fileId(), e.getClass().getName());
            return new MessageReplay.Run(messageId, run.rawMessageId(), MessageOutcome.FAILED, null, failure.code());
        }
    }

    private Optional<Stored> stored(UUID messageId) {
        return jdbc.sql("""
                        select f.id, f.status, f.replay_of,
                            exists (select 1 from inbound_file u where u.replay_of = f.id
                                and u.status in ('RECEIVED', 'PROCESSING')) as running,
                            (select m.payload_pruned_at is not null from raw_message m where m.id = f.raw_message_id)
                                as pruned,
                            (%s) as replayable
                        from inbound_file f where f.raw_message_id = :id""".formatted(REPLAYABLE))
                .param("id", messageId)
                .query((rs, row) -> new Stored(rs.getObject("id", UUID.class), rs.getString("status"),
                        rs.getObject("replay_of", UUID.class), rs.getBoolean("running"), rs.getBoolean("pruned"),
                        rs.getBoolean("replayable")))
                .optional();
    }
}
