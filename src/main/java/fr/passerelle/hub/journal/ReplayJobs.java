package fr.passerelle.hub.journal;

import fr.passerelle.hub.failure.Failure;
import fr.passerelle.hub.failure.NotFoundException;
import fr.passerelle.hub.intake.FileReplay;
import fr.passerelle.hub.intake.MessageNotReplayableException;
import jakarta.annotation.PreDestroy;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Batch replays: a filter is counted first (dry run); started, it becomes a job of at most {@code max-batch} items
 * fixed at once, run in the background one item at a time through {@link Replays} (claimed, audited), with its
 * progress in {@code replay_job}. An operator may pause, resume or cancel it between two items. Items are claimed
 * with {@code for update skip locked}, so a job resumed on two instances still runs each item once; a job left running
 * by a stop is resumed at start-up.
 */
@Component
public class ReplayJobs {

    private static final Logger log = LoggerFactory.getLogger(ReplayJobs.class);
    /** A message's run that went through; DONE: a file's run with none of its records failed again. */
    private static final Set<String> MESSAGE_THROUGH = Set.of("ACCEPTED", "UPDATED", "DUPLICATE", "DONE");

    /** A job and where it stands. */
    public record Job(UUID id, String targetKind, String filter, String state, int total, int done, int succeeded,
                      int failed, String createdBy, Instant createdAt, Instant updatedAt, String updatedBy,
                      Instant finishedAt) {
    }

    /** A dry run: how many items match, and how many one job would take. */
    public record Count(String targetKind, String filter, int matching, int wouldReplay, int maxBatch) {
    }

    private final JdbcClient jdbc;
    private final Replays replays;
    private final TransactionTemplate transactions;
    private final int maxBatch;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "replay-jobs");
        thread.setDaemon(true);
        return thread;
    });

    ReplayJobs(JdbcClient jdbc, Replays replays, TransactionTemplate transactions, JournalProperties properties) {
        this.jdbc = jdbc;
        this.replays = replays;
        this.transactions = transactions;
        this.maxBatch = properties.maxBatch();
    }

    public Count count(ReplayFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = candidates(filter, params);
        int matching = jdbc.sql("select count(*) from " + where).params(params).query(Integer.class).single();
        return new Count(filter.kind(), filter.describe(), matching, Math.min(matching, maxBatch), maxBatch);
    }

    /** Fixes the job's items (at most {@code max-batch}, oldest first) and starts it in the background. */
    public Job start(ReplayFilter filter, String operator) {
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(status -> {
            Map<String, Object> params = new LinkedHashMap<>();
            String where = candidates(filter, params);
            List<UUID> targets = jdbc.sql("select x.id from " + where + " order by x.at, x.id limit :max")
                    .params(params).param("max", maxBatch).query(UUID.class).list();
            insert(id, filter.kind(), filter.describe(), targets, operator);
        });
        log.info("Replay job {} started by operator {}", id, operator);
        worker.submit(() -> run(id));
        return find(id).orElseThrow();
    }

    /**
     * The replay of one file, which can take minutes: a job of one item, so that it runs in the background with its
     * progress on the job's page (and the run's records in the journal) instead of holding the operator's request.
     *
     * @throws ReplayInProgressException     the file is being replayed
     * @throws MessageNotReplayableException the file is not replayable
     */
    public Job startFile(UUID messageId, String operator) {
        replays.refuseIfInProgress(messageId);
        replays.messageRefusal(messageId).ifPresent(reason -> {
            throw new MessageNotReplayableException(reason);
        });
        UUID id = UUID.randomUUID();
        transactions.executeWithoutResult(status ->
                insert(id, "MESSAGE", "fichier du message " + messageId, List.of(messageId), operator));
        log.info("Replay job {} of file message {} started by operator {}", id, messageId, operator);
        worker.submit(() -> run(id));
        return find(id).orElseThrow();
    }

    private void insert(UUID id, String kind, String filter, List<UUID> targets, String operator) {
        jdbc.sql("""
                        insert into replay_job (id, target_kind, filter, state, total, created_by)
                        values (:id, :kind, :filter, :state, :total, :by)""")
                .param("id", id).param("kind", kind).param("filter", filter)
                .param("state", targets.isEmpty() ? "DONE" : "RUNNING").param("total", targets.size())
                .param("by", operator).update();
        for (int position = 0; position < targets.size(); position++) {
            jdbc.sql("insert into replay_job_item (job_id, position, target_id) values (:job, :pos, :target)")
                    .param("job", id).param("pos", position).param("target", targets.get(position)).update();
        }
    }

    public Optional<Job> find(UUID id) {
        return jdbc.sql(JOB_SQL + " where id = :id").param("id", id).query(ReplayJobs::job).optional();
    }

    public List<Job> recent(int limit) {
        return jdbc.sql(JOB_SQL + " order by created_at desc limit :limit").param("limit", limit)
                .query(ReplayJobs::job).list();
    }

    public Job pause(UUID id, String operator) {
        return change(id, operator, "RUNNING", "PAUSED", "mettre en pause");
    }

    public Job resume(UUID id, String operator) {
        Job job = change(id, operator, "PAUSED", "RUNNING", "reprendre");
        worker.submit(() -> run(id));
        return job;
    }

    public Job cancel(UUID id, String operator) {
        Job job = find(id).orElseThrow(() -> new NotFoundException("replay job"));
        int changed = jdbc.sql("""
                        update replay_job set state = 'CANCELLED', finished_at = now(), updated_at = now(),
                            updated_by = :by
                        where id = :id and state in ('RUNNING', 'PAUSED')""")
                .param("id", id).param("by", operator).update();
        if (changed == 0) {
            throw new ReplayJobStateException(job.state(), "annuler");
        }
        log.info("Replay job {} cancelled by operator {}", id, operator);
        return find(id).orElseThrow();
    }

    private Job change(UUID id, String operator, String from, String to, String action) {
        Job job = find(id).orElseThrow(() -> new NotFoundException("replay job"));
        int changed = jdbc.sql("""
                        update replay_job set state = :to, updated_at = now(), updated_by = :by
                        where id = :id and state = :from""")
                .param("id", id).param("to", to).param("from", from).param("by", operator).update();
        if (changed == 0) {
            throw new ReplayJobStateException(job.state(), action);
        }
        log.info("Replay job {} {} by operator {}", id, to, operator);
        return find(id).orElseThrow();
    }

    /** Runs the job's pending items one at a time while it stays RUNNING. */
    void run(UUID id) {
        try {
            while (true) {
                Optional<Job> job = find(id);
                if (job.isEmpty() || !job.get().state().equals("RUNNING")) {
                    return;
                }
                Optional<Map.Entry<Integer, UUID>> item = jdbc.sql("""
                                update replay_job_item set outcome = 'RUNNING'
                                where (job_id, position) = (select job_id, position from replay_job_item
                                    where job_id = :id and outcome is null order by position limit 1
                                    for update skip locked)
                                returning position, target_id""")
                        .param("id", id)
                        .query((rs, row) -> Map.entry(rs.getInt("position"), rs.getObject("target_id", UUID.class)))
                        .optional();
                if (item.isEmpty()) {
                    jdbc.sql("""
                                    update replay_job set state = 'DONE', finished_at = now(), updated_at = now()
                                    where id = :id and state = 'RUNNING'
                                        and not exists (select 1 from replay_job_item
                                            where job_id = :id and (outcome is null or outcome = 'RUNNING'))""")
                            .param("id", id).update();
                    return;
                }
                replayOne(job.get(), item.get().getKey(), item.get().getValue());
            }
        } catch (RuntimeException e) {
            log.error("Replay job {} stopped: {}", id, e.getClass().getName());
        }
    }

    private void replayOne(Job job, int position, UUID target) {
        String outcome;
        Long replayId = null;
        boolean succeeded;
        try {
            Replays.Outcome done = job.targetKind().equals("MESSAGE")
                    ? replays.replayMessage(target, job.createdBy(), job.id())
                    : replays.replayHandoff(target, job.createdBy(), job.id());
            outcome = done.outcome();
            replayId = done.replayId();
            succeeded = job.targetKind().equals("MESSAGE") ? MESSAGE_THROUGH.contains(outcome) : outcome.equals("RESENT");
        } catch (RuntimeException e) {
            outcome = "REFUSED " + Failure.of(e).code();
            succeeded = false;
        }
        jdbc.sql("update replay_job_item set outcome = :o, replay_id = :r where job_id = :job and position = :pos")
                .param("o", outcome).param("r", replayId).param("job", job.id()).param("pos", position).update();
        jdbc.sql("""
                        update replay_job set done = done + 1, succeeded = succeeded + :s, failed = failed + :f,
                            updated_at = now()
                        where id = :id""")
                .param("s", succeeded ? 1 : 0).param("f", succeeded ? 0 : 1).param("id", job.id()).update();
    }

    /** Jobs a stop interrupted go on; an item caught mid-replay is run again (its replay claim keeps it single). */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeRunning() {
        List<UUID> running = jdbc.sql("select id from replay_job where state = 'RUNNING'").query(UUID.class).list();
        for (UUID id : running) {
            jdbc.sql("update replay_job_item set outcome = null where job_id = :id and outcome = 'RUNNING'")
                    .param("id", id).update();
            worker.submit(() -> run(id));
        }
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** {@code <table> x where …}: the items a filter selects, each with its id and time as {@code x.id}, {@code x.at}. */
    private static String candidates(ReplayFilter filter, Map<String, Object> params) {
        StringBuilder sql = new StringBuilder();
        if (filter.kind().equals("MESSAGE")) {
            // Single-record messages the hub failed on, and files with records it failed on (FileReplay.REPLAYABLE).
            sql.append("""
                    (select id, received_at as at, partner_id as partner from raw_message m
                     where outcome = 'FAILED' and replay_of is null and mapping_id is not null
                         and not exists (select 1 from inbound_file f where f.raw_message_id = m.id)
                         and not exists (select 1 from raw_message r where r.replay_of = m.id
                             and r.outcome in ('ACCEPTED', 'UPDATED', 'DUPLICATE'))
                     union all
                     select m.id, m.received_at as at, m.partner_id as partner
                     from inbound_file f join raw_message m on m.id = f.raw_message_id
                     where f.id in %s and %s) x where true
                    """.formatted(FileReplay.WITH_FAILURES, FileReplay.REPLAYABLE));
        } else {
            sql.append("""
                    (select id, created_at as at, recipient_partner_id as partner from handoff
                     where status = 'PARKED') x where true
                    """);
        }
        if (filter.partner() != null) {
            sql.append(" and x.partner = :partner");
            params.put("partner", filter.partner());
        }
        if (filter.from() != null) {
            sql.append(" and x.at >= :from");
            params.put("from", Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and x.at < :to");
            params.put("to", Timestamp.from(filter.to()));
        }
        return sql.toString();
    }

    private static final String JOB_SQL = """
            select id, target_kind, filter, state, total, done, succeeded, failed, created_by, created_at, updated_at,
                updated_by, finished_at
            from replay_job""";

    private static Job job(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Job(rs.getObject("id", UUID.class), rs.getString("target_kind"), rs.getString("filter"),
                rs.getString("state"), rs.getInt("total"), rs.getInt("done"), rs.getInt("succeeded"),
                rs.getInt("failed"), rs.getString("created_by"), Journal.instant(rs, "created_at"),
                Journal.instant(rs, "updated_at"), rs.getString("updated_by"), Journal.instant(rs, "finished_at"));
    }
}
