package fr.passerelle.hub.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code alert_notification} table: each alert change owed to each recipient, and what became of it. */
@Component
class AlertNotifications {

    enum Transition { OPENED, RESOLVED }

    enum Medium { EMAIL, WEBHOOK }

    record Recipient(Medium medium, String address) {
    }

    /** One alert change owed to a recipient. */
    record Owed(long id, Transition transition, Alert alert) {
    }

    private final JdbcClient jdbc;

    AlertNotifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void owe(Alert alert, Transition transition, List<Recipient> recipients) {
        for (Recipient recipient : recipients) {
            jdbc.sql("""
                            insert into alert_notification (alert_id, transition, channel, recipient)
                            values (:alert, :transition, :channel, :recipient)""")
                    .param("alert", alert.id()).param("transition", transition.name())
                    .param("channel", recipient.medium().name()).param("recipient", recipient.address()).update();
        }
    }

    List<Recipient> waitingRecipients() {
        return jdbc.sql("""
                        select distinct channel, recipient from alert_notification
                        where status in ('PENDING', 'HELD') order by 1, 2""")
                .query((rs, n) -> new Recipient(Medium.valueOf(rs.getString("channel")), rs.getString("recipient")))
                .list();
    }

    /** Messages the recipient got since {@code since}: each one sent on its own, each summary once. */
    int messagesSince(Recipient recipient, Instant since) {
        return jdbc.sql("""
                        select count(*) filter (where status = 'SENT')
                             + count(distinct summary_id) filter (where status = 'SUMMARIZED')
                        from alert_notification
                        where channel = :channel and recipient = :recipient and sent_at > :since
                          and status in ('SENT', 'SUMMARIZED')""")
                .param("channel", recipient.medium().name()).param("recipient", recipient.address())
                .param("since", Timestamp.from(since)).query(Integer.class).single();
    }

    List<Owed> waiting(Recipient recipient) {
        return jdbc.sql("""
                        select n.id as notification_id, n.transition, a.* from alert_notification n
                        join alert a on a.id = n.alert_id
                        where n.channel = :channel and n.recipient = :recipient and n.status in ('PENDING', 'HELD')
                        order by n.id""")
                .param("channel", recipient.medium().name()).param("recipient", recipient.address())
                .query((rs, n) -> new Owed(rs.getLong("notification_id"), Transition.valueOf(rs.getString("transition")),
                        new Alert(rs.getObject("id", UUID.class), AlertKind.valueOf(rs.getString("kind")),
                                rs.getString("subject"), rs.getString("partner_id"), rs.getString("detail"),
                                instant(rs.getTimestamp("opened_at")), instant(rs.getTimestamp("last_seen_at")),
                                instant(rs.getTimestamp("resolved_at")), instant(rs.getTimestamp("acknowledged_at")),
                                rs.getString("acknowledged_by"))))
                .list();
    }

    void sent(List<Owed> owed) {
        for (Owed one : owed) {
            jdbc.sql("update alert_notification set status = 'SENT', sent_at = now(), attempts = attempts + 1 where id = :id")
                    .param("id", one.id()).update();
        }
    }

    void summarized(List<Owed> owed, UUID summaryId) {
        for (Owed one : owed) {
            jdbc.sql("""
                            update alert_notification set status = 'SUMMARIZED', summary_id = :summary, sent_at = now(),
                                attempts = attempts + 1 where id = :id""")
                    .param("id", one.id()).param("summary", summaryId).update();
        }
    }

    void held(List<Owed> owed) {
        for (Owed one : owed) {
            jdbc.sql("update alert_notification set status = 'HELD' where id = :id and status = 'PENDING'")
                    .param("id", one.id()).update();
        }
    }

    /** A failed try; given up (FAILED) after {@code maxAttempts}. */
    void failed(List<Owed> owed, String error, int maxAttempts) {
        for (Owed one : owed) {
            jdbc.sql("""
                            update alert_notification set attempts = attempts + 1, last_error = :error,
                                status = case when attempts + 1 >= :max then 'FAILED' else status end
                            where id = :id""")
                    .param("id", one.id()).param("error", error).param("max", maxAttempts).update();
        }
    }

    /** Per alert: how its notifications stand (for the console and the API). */
    List<String> statusOf(UUID alertId) {
        return jdbc.sql("""
                        select transition || ' ' || channel || ' ' || recipient || ' : ' || status
                        from alert_notification where alert_id = :id order by id""")
                .param("id", alertId).query(String.class).list();
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
