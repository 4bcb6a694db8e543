package fr.passerelle.hub.journal;

import fr.passerelle.hub.failure.Failure;
import fr.passerelle.hub.handoff.Handoff;
import fr.passerelle.hub.handoff.HandoffReplay;
import fr.passerelle.hub.intake.MessageReplay;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every replay, one at a time or from a job: claimed first (an unfinished {@code replay} row, unique per target, so
 * the same message or handoff is never replayed twice at once, across hub instances too), then run by the module that
 * owns the target (intake re-runs a message, handoff re-sends a handoff), then finished with its outcome. The row is
 * the audit: who, when, which run it made.
 */
@Component
public class Replays {

    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    /** What one replay did. {@code runId}: the new raw message of a message's replay. */
    public record Outcome(long replayId, String targetKind, UUID targetId, String outcome, UUID runId, String detail) {
    }

    private final JdbcClient jdbc;
    private final MessageReplay messages;
    private final HandoffReplay handoffs;

    public Replays(JdbcClient jdbc, MessageReplay messages, HandoffReplay handoffs) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.handoffs = handoffs;
    }

    /**
     * Re-runs a failed message from its stored payload.
     *
     * @throws ReplayInProgressException the message is being replayed already
     */
    public Outcome replayMessage(UUID messageId, String operator, UUID jobId) {
        long replayId = claim("MESSAGE", messageId, operator, jobId);
        try {
            MessageReplay.Run run = messages.replay(messageId);
            log.info("Message {} replayed by operator {} as {}: {}", messageId, operator, run.runId(), run.outcome());
            return finish(replayId, "MESSAGE", messageId, run.outcome().name(), run.runId(), run.detail());
        } catch (RuntimeException e) {
            finish(replayId, "MESSAGE", messageId, "REFUSED", null, Failure.of(e).code());
            throw e;
        }
    }

    /**
     * Makes a parked (or failing) handoff due again now; the delivery follows in the background.
     *
     * @throws ReplayInProgressException the handoff is being replayed already
     */
    public Outcome replayHandoff(UUID handoffId, String operator, UUID jobId) {
        long replayId = claim("HANDOFF", handoffId, operator, jobId);
        try {
            Handoff handoff = handoffs.replay(handoffId, operator);
            return finish(replayId, "HANDOFF", handoffId, "RESENT", null, handoff.status().name());
        } catch (RuntimeException e) {
            finish(replayId, "HANDOFF", handoffId, "REFUSED", null, Failure.of(e).code());
            throw e;
        }
    }

    /** Whether the message is a file: its replay is a background job ({@link ReplayJobs#startFile}). */
    public boolean isFile(UUID messageId) {
        return messages.isFile(messageId);
    }

    /**
     * Refuses a message being replayed right now: its claim is held (by a job running it), or a run of its file is
     * under way (resumed after a stop, say).
     *
     * @throws ReplayInProgressException the message is being replayed
     */
    void refuseIfInProgress(UUID messageId) {
        boolean running = jdbc.sql("""
                        select exists (select 1 from replay where target_kind = 'MESSAGE' and target_id = :id
                                and finished_at is null)
                            or exists (select 1 from raw_message r join inbound_file f on f.raw_message_id = r.id
                                where r.replay_of = :id and f.status in ('RECEIVED', 'PROCESSING'))""")
                .param("id", messageId).query(Boolean.class).single();
        if (running) {
            throw new ReplayInProgressException("fichier");
        }
    }

    /** Why a message cannot be replayed now, or empty. */
    public Optional<String> messageRefusal(UUID messageId) {
        return messages.refusal(messageId);
    }

    private long claim(String kind, UUID target, String operator, UUID jobId) {
        // A claim left by a hub that stopped mid-replay would block its target for good; after ten minutes it is
        // closed as interrupted (a single replay takes well under a second), unless the target is a file whose run is
        // still unfinished: that run may take longer, and is resumed like any file after a stop.
        jdbc.sql("""
                        update replay set finished_at = now(), outcome = 'INTERRUPTED'
                        where target_kind = :kind and target_id = :target and finished_at is null
                            and requested_at < now() - interval '10 minutes'
                            and not exists (select 1 from raw_message r join inbound_file f on f.raw_message_id = r.id
                                where r.replay_of = :target and f.status in ('RECEIVED', 'PROCESSING'))""")
                .param("kind", kind).param("target", target).update();
        return jdbc.sql("""
                        insert into replay (target_kind, target_id, job_id, requested_by)
                        values (:kind, :target, :job, :by)
                        on conflict (target_kind, target_id) where finished_at is null do nothing
                        returning id""")
                .param("kind", kind).param("target", target).param("job", jobId).param("by", operator)
                .query(Long.class).optional()
                .orElseThrow(() -> new ReplayInProgressException(kind.equals("MESSAGE") ? "message" : "transfert"));
    }

    private Outcome finish(long replayId, String kind, UUID target, String outcome, UUID runId, String detail) {
        jdbc.sql("""
                        update replay set finished_at = now(), outcome = :outcome, replay_message_id = :run,
                            detail = :detail
                        where id = :id""")
                .param("outcome", outcome).param("run", runId).param("detail", detail).param("id", replayId).update();
        return new Outcome(replayId, kind, target, outcome, runId, detail);
    }
}
