package fr.passerelle.hub.handoff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SPEC §7, the handoffs' part of the person's rights: every handoff about them (to whom, why, what it carried,
 * every attempt, the answer), every routing decision, and their anonymisation. An anonymised handoff keeps its
 * trigger, rule, recipient, channel, dates and outcome (the statistics, and the recipient's own history); its
 * payload keeps the person's id only, its reason text goes (it may carry a free-text reason), its links stop working.
 */
@Component
public class HandoffPrivacy {

    static final String ANONYMISED_REASON = "(anonymisé)";

    private final JdbcClient jdbc;

    public HandoffPrivacy(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Object> export(List<UUID> beneficiaryRows) {
        UUID[] rows = beneficiaryRows.toArray(UUID[]::new);
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("handoffs", jdbc.sql("""
                        select h.id, h.trigger, h.rule_id as "ruleId", h.reason, h.recipient_role as "recipientRole",
                            h.recipient_name as "recipientName", h.recipient_structure as "recipientStructure",
                            h.recipient_partner_id as "recipientPartnerId", h.channel, h.status,
                            h.created_at as "createdAt", h.delivered_at as "deliveredAt",
                            h.acknowledged_at as "acknowledgedAt", h.payload::text as payload,
                            (select count(*) from handoff_attempt a where a.handoff_id = h.id) as attempts
                        from handoff h where h.beneficiary_id = any(:b) order by h.created_at, h.id
                        """).param("b", rows).query().listOfRows());
        export.put("routingDecisions", jdbc.sql("""
                        select trigger, rule_id as "ruleId", outcome, explanation, handoff_id as "handoffId",
                            decided_at as "decidedAt"
                        from routing_decision where beneficiary_id = any(:b) order by decided_at, id
                        """).param("b", rows).query().listOfRows());
        return export;
    }

    public int anonymise(List<UUID> beneficiaryRows) {
        UUID[] rows = beneficiaryRows.toArray(UUID[]::new);
        jdbc.sql("""
                        update referent_link set revoked_at = coalesce(revoked_at, now())
                        where handoff_id in (select id from handoff where beneficiary_id = any(:b))
                        """).param("b", rows).update();
        // A take-over still waiting for confirmation is dropped with the links that asked for it.
        jdbc.sql("""
                        update referent_takeover set expires_at = now()
                        where handoff_id in (select id from handoff where beneficiary_id = any(:b))
                          and confirmed_at is null and refused_at is null
                        """).param("b", rows).update();
        jdbc.sql("""
                        update referent_response set reason = null
                        where handoff_id in (select id from handoff where beneficiary_id = any(:b))
                        """).param("b", rows).update();
        return jdbc.sql("""
                        update handoff set reason = :reason,
                            payload = jsonb_set(case when payload->'beneficiary' is not null
                                then jsonb_set(payload, '{beneficiary}', jsonb_build_object('id', beneficiary_id))
                                else payload end, '{reason}', to_jsonb(cast(:reason as text)))
                        where beneficiary_id = any(:b)
                        """).param("reason", ANONYMISED_REASON).param("b", rows).update();
    }

    /** People some handoff was written for since {@code cutoff}: they are not inactive. */
    public List<UUID> activeSince(java.time.Instant cutoff) {
        return jdbc.sql("select distinct beneficiary_id from handoff where beneficiary_id is not null and created_at >= :cutoff")
                .param("cutoff", java.sql.Timestamp.from(cutoff)).query(UUID.class).list();
    }
}
