package fr.passerelle.hub.handoff;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Prunes the handoff module's tables for the retention tiers, one bounded batch per call: the payloads of finished
 * handoffs (the person as far as consent allowed) and the delivery attempts of finished handoffs. A handoff still
 * PENDING, FAILED or PARKED keeps both whatever its age: its channel or an operator's replay sends the payload.
 * The handoff row itself stays (trigger, rule, recipient, dates, outcome): the statistics and the recipient's history.
 */
@Component
public class HandoffRetention {

    /** The reason a pruned payload gives instead of the original (a reason may quote the person). */
    static final String PRUNED_REASON = "(contenu supprimé au terme de sa durée de conservation)";

    private final JdbcClient jdbc;

    HandoffRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Replaces by a minimal one the payload of handoffs finished — ACKNOWLEDGED, DECLINED, or DELIVERED (pushed or
     * pulled) — before {@code before}. One that failed or was parked first (more than one attempt, or replayed) keeps
     * its payload until {@code resolvedBefore} too. The minimal payload names no one and keeps the API's published
     * shape ({@code HandoffPayload}): ids, trigger, rule, creation time, the recipient's role and structure, the
     * referring partner (the referent page's sender), the handoff it reminds of, {@code payloadPruned: true}; the
     * reason is replaced too (it may quote the person). Returns how many were pruned.
     */
    @Transactional
    public int prunePayloads(Instant before, Instant resolvedBefore, int batch) {
        return jdbc.sql("""
                        with doomed as (
                            select id from handoff
                            where payload_pruned_at is null and status in ('DELIVERED', 'ACKNOWLEDGED', 'DECLINED')
                              and coalesce(acknowledged_at, delivered_at) < :before
                              and (attempts <= 1 and replays = 0
                                   or coalesce(acknowledged_at, delivered_at) < :resolvedBefore)
                            order by coalesce(acknowledged_at, delivered_at) limit :batch
                            for update skip locked)
                        update handoff h set payload_pruned_at = now(),
                            payload = jsonb_strip_nulls(jsonb_build_object(
                                'handoffId', h.id, 'trigger', h.trigger, 'rule', h.rule_id, 'reason', :reason,
                                'createdAt', h.payload -> 'createdAt',
                                'recipient', jsonb_build_object('role', h.payload -> 'recipient' -> 'role',
                                    'structure', h.payload -> 'recipient' -> 'structure'),
                                'referral', case when h.payload -> 'referral' -> 'partner' is not null then
                                    jsonb_build_object('partner', h.payload -> 'referral' -> 'partner') end,
                                'reminderOf', h.payload -> 'reminderOf',
                                'payloadPruned', true))
                        from doomed where h.id = doomed.id
                        """)
                .param("before", Timestamp.from(before)).param("resolvedBefore", Timestamp.from(resolvedBefore))
                .param("reason", PRUNED_REASON).param("batch", batch).update();
    }

    /**
     * Deletes the delivery attempts made before {@code before} of handoffs finished before then (the journal's
     * metadata tier); the handoff keeps its count of attempts. Returns how many were deleted.
     */
    @Transactional
    public int pruneAttempts(Instant before, int batch) {
        return jdbc.sql("""
                        delete from handoff_attempt a using (
                            select a.id from handoff_attempt a join handoff h on h.id = a.handoff_id
                            where a.at < :before and h.status in ('DELIVERED', 'ACKNOWLEDGED', 'DECLINED')
                              and coalesce(h.acknowledged_at, h.delivered_at) < :before
                            order by a.at limit :batch
                            for update of a skip locked) doomed
                        where a.id = doomed.id
                        """)
                .param("before", Timestamp.from(before)).param("batch", batch).update();
    }
}
