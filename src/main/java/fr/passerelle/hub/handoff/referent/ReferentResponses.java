package fr.passerelle.hub.handoff.referent;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The referent's answers: the handoff's status moves (ACKNOWLEDGED or DECLINED, the first answer wins) and each
 * answer is kept in {@code referent_response}, once per kind.
 */
@Component
class ReferentResponses {

    enum Action { ACKNOWLEDGED, TOOK_OVER, DECLINED }

    record Response(Action action, String reason, Instant at) {
    }

    private final JdbcClient jdbc;

    private final MeterRegistry meters;

    ReferentResponses(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    /** False if the handoff was already acknowledged or declined. */
    boolean acknowledge(UUID handoffId, String by) {
        List<String[]> acknowledged = jdbc.sql("""
                        update handoff set status = 'ACKNOWLEDGED', acknowledged_at = now(), acknowledged_by = :by,
                            delivered_at = coalesce(delivered_at, now()), next_attempt_at = null, status_reason = null
                        where id = :id and status in ('PENDING', 'FAILED', 'DELIVERED', 'PARKED')
                        returning coalesce(recipient_partner_id, 'none'), channel
                        """)
                .param("id", handoffId).param("by", by)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
        acknowledged.forEach(endpoint -> meters.counter("passerelle.handoffs.acknowledged", "partner", endpoint[0],
                "channel", endpoint[1], "route", "referent-page").increment());
        return !acknowledged.isEmpty();
    }

    /** False if the handoff was already acknowledged or declined. */
    boolean decline(UUID handoffId, String statusReason) {
        return jdbc.sql("""
                        update handoff set status = 'DECLINED', next_attempt_at = null, status_reason = :reason,
                            delivered_at = coalesce(delivered_at, now())
                        where id = :id and status in ('PENDING', 'FAILED', 'DELIVERED', 'PARKED')
                        """)
                .param("id", handoffId).param("reason", statusReason).update() == 1;
    }

    void record(UUID handoffId, Action action, String recipientKey, String reason) {
        jdbc.sql("""
                        insert into referent_response (handoff_id, action, recipient_key, reason)
                        values (:id, :action, :recipient, :reason)
                        on conflict (handoff_id, action) do nothing
                        """)
                .param("id", handoffId).param("action", action.name()).param("recipient", recipientKey)
                .param("reason", reason).update();
    }

    List<Response> of(UUID handoffId) {
        return jdbc.sql("select action, reason, at from referent_response where handoff_id = :id order by id")
                .param("id", handoffId)
                .query((rs, n) -> new Response(Action.valueOf(rs.getString("action")), rs.getString("reason"),
                        rs.getTimestamp("at").toInstant()))
                .list();
    }
}
