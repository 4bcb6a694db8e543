package fr.passerelle.hub.alert;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes the alert module's rows for the journal's metadata tier, one bounded batch per call: alerts resolved
 * before the cut-off with their notifications. An open alert, or one with a notification still waiting to leave
 * (PENDING, HELD), is kept whatever its age.
 */
@Component
public class AlertRetention {

    private final JdbcClient jdbc;

    AlertRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Alerts resolved before {@code before}, and their notifications: how many of each were deleted. */
    public record Deleted(int alerts, int notifications) {
    }

    /**
     * Deletes at most {@code batch} notifications of alerts resolved before {@code before}, then those alerts with
     * no notification left (at most {@code batch}): an alert with many notifications goes over several calls.
     */
    @Transactional
    public Deleted pruneResolved(Instant before, int batch) {
        int notifications = jdbc.sql("""
                        delete from alert_notification n using (
                            select n.id from alert a join alert_notification n on n.alert_id = a.id
                            where a.resolved_at < :before
                              and not exists (select 1 from alert_notification w where w.alert_id = a.id
                                              and w.status in ('PENDING', 'HELD'))
                            order by a.resolved_at limit :batch
                            for update of n skip locked) doomed
                        where n.id = doomed.id
                        """)
                .param("before", Timestamp.from(before)).param("batch", batch).update();
        int alerts = jdbc.sql("""
                        delete from alert a using (
                            select a.id from alert a
                            where a.resolved_at < :before
                              and not exists (select 1 from alert_notification n where n.alert_id = a.id)
                            order by a.resolved_at limit :batch
                            for update of a skip locked) doomed
                        where a.id = doomed.id
                        """)
                .param("before", Timestamp.from(before)).param("batch", batch).update();
        return new Deleted(alerts, notifications);
    }
}
