package fr.passerelle.hub.journal;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes the journal's own rows for the metadata tier, one bounded batch per call: finished replays, and batch
 * replay jobs finished (DONE, CANCELLED) before the cut-off with their items. A job running or paused, and a replay
 * still running (its unfinished row is the claim on its target), are kept whatever their age. Runs before intake's
 * messages in each tick: a message a replay still names is kept until the replay goes.
 */
@Component
public class JournalRetention {

    private final JdbcClient jdbc;

    JournalRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What one batch deleted: jobs, their items, and replays (one-off or of a deleted job). */
    public record Deleted(int jobs, int items, int replays) {
    }

    /**
     * Deletes at most {@code batch} items of jobs finished before {@code before}, then at most {@code batch} replays
     * finished before then that no item names and whose job (if any) finished before then too, then the jobs left
     * with neither items nor replays.
     */
    @Transactional
    public Deleted pruneFinished(Instant before, int batch) {
        Timestamp cutoff = Timestamp.from(before);
        int items = jdbc.sql("""
                        delete from replay_job_item i using (
                            select i.job_id, i.position from replay_job j join replay_job_item i on i.job_id = j.id
                            where j.state in ('DONE', 'CANCELLED') and j.finished_at < :before
                            order by j.finished_at limit :batch
                            for update of i skip locked) doomed
                        where i.job_id = doomed.job_id and i.position = doomed.position
                        """)
                .param("before", cutoff).param("batch", batch).update();
        int replays = jdbc.sql("""
                        delete from replay r using (
                            select r.id from replay r
                            where r.finished_at < :before
                              and not exists (select 1 from replay_job_item i where i.replay_id = r.id)
                              and (r.job_id is null or exists (select 1 from replay_job j where j.id = r.job_id
                                   and j.state in ('DONE', 'CANCELLED') and j.finished_at < :before))
                            order by r.finished_at limit :batch
                            for update of r skip locked) doomed
                        where r.id = doomed.id
                        """)
                .param("before", cutoff).param("batch", batch).update();
        int jobs = jdbc.sql("""
                        delete from replay_job j using (
                            select j.id from replay_job j
                            where j.state in ('DONE', 'CANCELLED') and j.finished_at < :before
                              and not exists (select 1 from replay_job_item i where i.job_id = j.id)
                              and not exists (select 1 from replay r where r.job_id = j.id)
                            order by j.finished_at limit :batch
                            for update of j skip locked) doomed
                        where j.id = doomed.id
                        """)
                .param("before", cutoff).param("batch", batch).update();
        return new Deleted(jobs, items, replays);
    }
}
