package fr.passerelle.hub.directory;

import java.sql.Date;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Where each pulled data·inclusion feed stands ({@code directory_feed_checkpoint}): the latest {@code date_maj} of
 * a run whose pages were all applied, and the last run's outcome for operators. The checkpoint only moves forward.
 */
@Component
public class DataInclusionFeeds {

    private final JdbcClient jdbc;

    DataInclusionFeeds(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<LocalDate> checkpoint(String feedId) {
        return jdbc.sql("select checkpoint from directory_feed_checkpoint where feed_id = :feed")
                .param("feed", feedId).query((rs, n) -> Optional.ofNullable(rs.getDate("checkpoint"))
                        .map(Date::toLocalDate))
                .optional().flatMap(checkpoint -> checkpoint);
    }

    public void completeRun(String feedId, LocalDate checkpoint, String detail) {
        jdbc.sql("""
                        insert into directory_feed_checkpoint (feed_id, checkpoint, last_run_at, last_run_outcome,
                            last_run_detail)
                        values (:feed, :checkpoint, now(), 'OK', :detail)
                        on conflict (feed_id) do update set
                            checkpoint = greatest(directory_feed_checkpoint.checkpoint, excluded.checkpoint),
                            updated_at = case when excluded.checkpoint > directory_feed_checkpoint.checkpoint
                                                or directory_feed_checkpoint.checkpoint is null
                                              then now() else directory_feed_checkpoint.updated_at end,
                            last_run_at = now(), last_run_outcome = 'OK', last_run_detail = excluded.last_run_detail
                        """)
                .param("feed", feedId).param("checkpoint", checkpoint == null ? null : Date.valueOf(checkpoint))
                .param("detail", detail).update();
    }

    public void stoppedRun(String feedId, String outcome, String detail) {
        jdbc.sql("""
                        insert into directory_feed_checkpoint (feed_id, last_run_at, last_run_outcome, last_run_detail)
                        values (:feed, now(), :outcome, :detail)
                        on conflict (feed_id) do update set last_run_at = now(),
                            last_run_outcome = excluded.last_run_outcome, last_run_detail = excluded.last_run_detail
                        """)
                .param("feed", feedId).param("outcome", outcome).param("detail", detail).update();
    }
}
