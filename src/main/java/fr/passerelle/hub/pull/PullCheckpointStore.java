package fr.passerelle.hub.pull;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Where each pulled API feed stands (table {@code pull_checkpoint} of V5). */
@Component
class PullCheckpointStore {

    private final JdbcClient jdbc;

    public PullCheckpointStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The feed's state as operators see it. */
    public record FeedState(String feedId, String partnerId, Instant checkpoint, Instant lastRunAt,
                            String lastRunOutcome, String lastRunDetail) {
    }

    /** Read at the start of every run, so a restarted hub resumes where the last complete run ended. */
    public Optional<Instant> checkpoint(String feedId) {
        return state(feedId).map(FeedState::checkpoint);
    }

    public Optional<FeedState> state(String feedId) {
        return jdbc.sql("select * from pull_checkpoint where feed_id = :feed").param("feed", feedId)
                .query((rs, n) -> new FeedState(rs.getString("feed_id"), rs.getString("partner_id"),
                        instant(rs.getTimestamp("checkpoint")), instant(rs.getTimestamp("last_run_at")),
                        rs.getString("last_run_outcome"), rs.getString("last_run_detail")))
                .optional();
    }

    /**
     * Records a complete run. The checkpoint only moves forward ({@code greatest} ignores nulls), so a slower run
     * finishing after a newer one cannot take the feed back.
     */
    public void completeRun(String feedId, String partnerId, Instant checkpoint, String detail) {
        jdbc.sql("""
                        insert into pull_checkpoint (feed_id, partner_id, checkpoint, updated_at, last_run_at,
                            last_run_outcome, last_run_detail)
                        values (:feed, :partner, :checkpoint, now(), now(), 'OK', :detail)
                        on conflict (feed_id) do update set
                            checkpoint = greatest(pull_checkpoint.checkpoint, excluded.checkpoint),
                            updated_at = case when excluded.checkpoint > pull_checkpoint.checkpoint
                                                or pull_checkpoint.checkpoint is null
                                              then now() else pull_checkpoint.updated_at end,
                            last_run_at = now(), last_run_outcome = 'OK', last_run_detail = excluded.last_run_detail
                        """)
                .param("feed", feedId).param("partner", partnerId).param("checkpoint", timestamp(checkpoint))
                .param("detail", detail)
                .update();
    }

    /** Records a run that stopped; the checkpoint stays where it was. */
    public void stoppedRun(String feedId, String partnerId, String outcome, String detail) {
        jdbc.sql("""
                        insert into pull_checkpoint (feed_id, partner_id, last_run_at, last_run_outcome, last_run_detail)
                        values (:feed, :partner, now(), :outcome, :detail)
                        on conflict (feed_id) do update set last_run_at = now(),
                            last_run_outcome = excluded.last_run_outcome, last_run_detail = excluded.last_run_detail
                        """)
                .param("feed", feedId).param("partner", partnerId).param("outcome", outcome).param("detail", detail)
                .update();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
