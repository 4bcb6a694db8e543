package fr.passerelle.hub.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.hub.api.ListQuery;
import fr.passerelle.hub.handoff.rules.Recipient;
import fr.passerelle.hub.handoff.rules.RoutingDecision;
import fr.passerelle.hub.partner.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The handoff outbox in PostgreSQL. Writers call it inside the transaction of what triggered the handoff; the
 * dispatcher claims due rows with {@code for update skip locked}, so several hub instances never deliver the same
 * attempt twice and a locked row never blocks the others.
 */
@Component
public class HandoffOutbox {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    private final Clock clock;
    private final DispatchNudge nudge;

    HandoffOutbox(JdbcClient jdbc, ObjectMapper json, MeterRegistry meters, Clock clock, DispatchNudge nudge) {
        this.jdbc = jdbc;
        this.json = json;
        this.meters = meters;
        this.clock = clock;
        this.nudge = nudge;
    }

    /** Where the triggering fact is: REFERRAL, JOURNEY_EVENT, FILE_RECORD or MATCH, and its id. */
    public record Source(String kind, String id) {
    }

    /**
     * Writes a handoff and the routing decision that made it, in the caller's transaction: the one way a handoff is
     * created. A source that already handed the same thing to the same recipient under the same rule writes no second
     * handoff, only the decision. A PULL_API handoff waits for its recipient to fetch it; any other is due now.
     *
     * @param outcome ROUTED, or CONSENT_MISSING for a recipient told to ask for the person's consent
     * @return the handoff id, empty if it existed already
     */
    public Optional<UUID> add(NewHandoff handoff, RoutingDecision.Outcome outcome) {
        UUID id = UUID.randomUUID();
        Instant now = Instant.now(clock);
        Recipient recipient = handoff.recipient();
        boolean pulled = recipient.channel() == Channel.PULL_API;
        Optional<UUID> added = jdbc.sql("""
                        insert into handoff (id, beneficiary_id, trigger, source_kind, source_id, rule_id, reason,
                            explanation, recipient_key, recipient_role, recipient_name, recipient_email,
                            recipient_structure, recipient_partner_id, channel, payload, status, status_reason,
                            next_attempt_at)
                        values (:id, :b, :trigger, :sourceKind, :sourceId, :rule, :reason, :explanation, :key, :role,
                            :name, :email, :structure, :partner, :channel, cast(:payload as jsonb), 'PENDING',
                            :statusReason, :next)
                        on conflict (source_kind, source_id, rule_id, recipient_key) do nothing
                        returning id
                        """)
                .param("id", id).param("b", handoff.beneficiaryId()).param("trigger", handoff.trigger())
                .param("sourceKind", handoff.source().kind()).param("sourceId", handoff.source().id())
                .param("rule", handoff.ruleId()).param("reason", handoff.reason())
                .param("explanation", handoff.explanation()).param("key", recipient.key())
                .param("role", recipient.role()).param("name", recipient.name()).param("email", recipient.email())
                .param("structure", recipient.structureName()).param("partner", recipient.partnerId())
                .param("channel", recipient.channel().name())
                .param("payload", write(HandoffPayload.of(id, handoff, now)))
                .param("statusReason", pulled ? "à récupérer par le partenaire : GET /api/v1/handoffs" : null)
                .param("next", pulled ? null : Timestamp.from(now))
                .query(UUID.class).optional();
        added.ifPresent(created -> meters.counter("passerelle.handoffs.created",
                "partner", recipient.partnerId() == null ? "none" : recipient.partnerId(),
                "channel", recipient.channel().name(), "rule", handoff.ruleId()).increment());
        if (added.isPresent() && !pulled) {
            nudge.handoffWritten();
        }
        decide(handoff.beneficiaryId(), handoff.trigger(), handoff.source(), handoff.ruleId(), outcome.name(),
                handoff.explanation(), added.orElse(null));
        return added;
    }

    /** A routing decision that wrote no handoff: nobody of that kind is known, or the rule may not hand off. */
    public void decide(UUID beneficiaryId, String trigger, Source source, String ruleId, String outcome,
                       String explanation, UUID handoffId) {
        jdbc.sql("""
                        insert into routing_decision (beneficiary_id, trigger, source_kind, source_id, rule_id, outcome,
                            explanation, handoff_id)
                        values (:b, :trigger, :sourceKind, :sourceId, :rule, :outcome, :explanation, :handoff)
                        """)
                .param("b", beneficiaryId).param("trigger", trigger).param("sourceKind", source.kind())
                .param("sourceId", source.id()).param("rule", ruleId).param("outcome", outcome)
                .param("explanation", explanation).param("handoff", handoffId)
                .update();
    }

    /**
     * Claims up to {@code limit} due handoffs of the given channels, at most {@code perEndpoint} for any one endpoint
     * and none for the endpoints still busy with an earlier claim: their next attempt moves a lease ahead and the
     * attempt counter is taken, in one short statement. A crash mid-delivery leaves the row due again after the
     * lease: at least once.
     */
    public List<Handoff> claimDue(int limit, Collection<Channel> channels, Duration lease, int perEndpoint,
                                  Collection<String> busyEndpoints) {
        if (limit <= 0 || channels.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        with ranked as (
                            select id, next_attempt_at, row_number() over (
                                partition by channel || ':' || coalesce(recipient_partner_id, recipient_key)
                                order by next_attempt_at, id) as rank
                            from handoff
                            where status in ('PENDING', 'FAILED') and next_attempt_at <= now() and channel in (:channels)
                              and channel || ':' || coalesce(recipient_partner_id, recipient_key) not in (:busy)),
                        candidates as (
                            select id from ranked where rank <= :perEndpoint order by next_attempt_at limit :limit),
                        due as (
                            select h.id from handoff h join candidates c on c.id = h.id
                            where h.status in ('PENDING', 'FAILED') and h.next_attempt_at <= now()
                            for update of h skip locked)
                        update handoff h set attempts = h.attempts + 1,
                            next_attempt_at = now() + make_interval(secs => :lease)
                        from due where h.id = due.id
                        returning h.*
                        """)
                .param("channels", channels.stream().map(Enum::name).toList())
                // "not in ()" is not SQL: an endpoint name no row can have stands for "none busy".
                .param("busy", busyEndpoints.isEmpty() ? List.of("-") : List.copyOf(busyEndpoints))
                .param("perEndpoint", perEndpoint)
                .param("limit", limit).param("lease", lease.toMillis() / 1000.0)
                .query((rs, n) -> handoff(rs)).list();
    }

    /** Claims the oldest due handoff of one endpoint, if any (a worker going on with the endpoint it serves). */
    public Optional<Handoff> claimNextFor(String endpoint, Duration lease) {
        return jdbc.sql("""
                        with due as (
                            select id from handoff
                            where status in ('PENDING', 'FAILED') and next_attempt_at <= now()
                              and channel || ':' || coalesce(recipient_partner_id, recipient_key) = :endpoint
                            order by next_attempt_at, id limit 1
                            for update skip locked)
                        update handoff h set attempts = h.attempts + 1,
                            next_attempt_at = now() + make_interval(secs => :lease)
                        from due where h.id = due.id
                        returning h.*
                        """)
                .param("endpoint", endpoint).param("lease", lease.toMillis() / 1000.0)
                .query((rs, n) -> handoff(rs)).optional();
    }

    /**
     * Back-off per recipient: after a failure, the endpoint's other waiting handoffs wait at least as long, so a
     * dead endpoint is probed by one handoff at a time instead of by all of them.
     */
    public void postponeEndpoint(Handoff failed, Instant until) {
        jdbc.sql("""
                        update handoff set next_attempt_at = :until
                        where channel || ':' || coalesce(recipient_partner_id, recipient_key) = :endpoint
                          and status in ('PENDING', 'FAILED') and id <> :id and next_attempt_at < :until
                        """)
                .param("until", Timestamp.from(until)).param("endpoint", failed.endpoint()).param("id", failed.id())
                .update();
    }

    public void delivered(UUID id, int attempt, Channel channel, long durationMs, String detail) {
        attempt(id, attempt, channel, "DELIVERED", null, detail, durationMs);
        jdbc.sql("""
                        update handoff set status = 'DELIVERED', delivered_at = now(), next_attempt_at = null,
                            status_reason = null
                        where id = :id and status in ('PENDING', 'FAILED')
                        """)
                .param("id", id).update();
    }

    /** A failed attempt: retried at {@code nextAttemptAt}, or PARKED when that is null. */
    public void failed(UUID id, int attempt, Channel channel, long durationMs, String code, String detail,
                       Instant nextAttemptAt) {
        attempt(id, attempt, channel, "FAILED", code, detail, durationMs);
        if (nextAttemptAt == null) {
            jdbc.sql("""
                            update handoff set status = 'PARKED', parked_at = now(), next_attempt_at = null,
                                status_reason = :reason
                            where id = :id and status in ('PENDING', 'FAILED')
                            """)
                    .param("id", id)
                    .param("reason", "mis de côté après " + attempt + " tentative(s), dernière erreur " + code
                            + " : à rejouer par un opérateur")
                    .update();
        } else {
            jdbc.sql("""
                            update handoff set status = 'FAILED', next_attempt_at = :next, status_reason = :reason
                            where id = :id and status in ('PENDING', 'FAILED')
                            """)
                    .param("id", id).param("next", Timestamp.from(nextAttemptAt))
                    .param("reason", "tentative " + attempt + " en échec (" + code + "), nouvel essai prévu")
                    .update();
        }
    }

    /** A pull-API recipient fetched its handoffs: those it had not fetched yet are now delivered. */
    public void pulled(String partnerId, List<UUID> ids) {
        for (UUID id : ids) {
            int changed = jdbc.sql("""
                            update handoff set status = 'DELIVERED', delivered_at = now(), attempts = attempts + 1,
                                status_reason = null
                            where id = :id and recipient_partner_id = :p and channel = 'PULL_API' and status = 'PENDING'
                            """)
                    .param("id", id).param("p", partnerId).update();
            if (changed == 1) {
                int attempt = jdbc.sql("select attempts from handoff where id = :id").param("id", id)
                        .query(Integer.class).single();
                attempt(id, attempt, Channel.PULL_API, "PULLED", null, "GET /api/v1/handoffs", 0);
            }
        }
    }

    /** Idempotent: acknowledging twice keeps the first acknowledgement. Empty if not this partner's handoff. */
    public Optional<Handoff> acknowledge(UUID id, String partnerId, String by) {
        int changed = jdbc.sql("""
                        update handoff set status = 'ACKNOWLEDGED', acknowledged_at = now(), acknowledged_by = :by,
                            delivered_at = coalesce(delivered_at, now()), next_attempt_at = null, status_reason = null
                        where id = :id and recipient_partner_id = :p and status <> 'ACKNOWLEDGED'
                        """)
                .param("id", id).param("p", partnerId).param("by", by).update();
        Optional<Handoff> handoff = forPartner(id, partnerId);
        if (changed == 1) {
            handoff.ifPresent(acknowledged -> meters.counter("passerelle.handoffs.acknowledged", "partner", partnerId,
                    "channel", acknowledged.channel().name(), "route", "api-handoffs-ack").increment());
        }
        return handoff;
    }

    /**
     * Sends a PARKED (or FAILED) handoff again now, with a fresh series of attempts. The previous attempts stay on
     * record. False if there is no such handoff in those states.
     */
    public boolean replay(UUID id, String operator) {
        return jdbc.sql("""
                        update handoff set status = 'PENDING', attempts = 0, next_attempt_at = now(), parked_at = null,
                            replays = replays + 1, last_replayed_at = now(), last_replayed_by = :operator,
                            status_reason = 'rejoué par un opérateur'
                        where id = :id and status in ('PARKED', 'FAILED')
                        """)
                .param("id", id).param("operator", operator).update() == 1;
    }

    public Optional<Handoff> find(UUID id) {
        return jdbc.sql("select * from handoff where id = :id").param("id", id).query((rs, n) -> handoff(rs)).optional();
    }

    public Optional<Handoff> forPartner(UUID id, String partnerId) {
        return jdbc.sql("select * from handoff where id = :id and recipient_partner_id = :p")
                .param("id", id).param("p", partnerId).query((rs, n) -> handoff(rs)).optional();
    }

    /** A partner's handoffs, oldest first (created, then id): waiting for acknowledgement, or acknowledged. */
    public List<Handoff> forPartner(String partnerId, boolean acknowledged, ListQuery query) {
        return page("recipient_partner_id = :p and (status = 'ACKNOWLEDGED') = :acknowledged",
                new HashMap<>(Map.of("p", partnerId, "acknowledged", acknowledged)), query);
    }

    public List<Handoff> forBeneficiary(UUID beneficiaryId) {
        return jdbc.sql("select * from handoff where beneficiary_id = :b order by created_at, id")
                .param("b", beneficiaryId).query((rs, n) -> handoff(rs)).list();
    }

    /** Handoffs in one status, oldest first (created, then id). */
    public List<Handoff> withStatus(HandoffStatus status, ListQuery query) {
        return page("status = :s", new HashMap<>(Map.of("s", status.name())), query);
    }

    private List<Handoff> page(String condition, Map<String, Object> params, ListQuery query) {
        StringBuilder sql = new StringBuilder("select * from handoff where ").append(condition);
        if (query.since() != null) {
            sql.append(" and created_at >= :since");
            params.put("since", OffsetDateTime.ofInstant(query.since(), ZoneOffset.UTC));
        }
        if (query.hasCursor()) {
            sql.append(" and (created_at, id) > (:afterAt, :afterId)");
            params.put("afterAt", OffsetDateTime.ofInstant(query.afterAt(), ZoneOffset.UTC));
            params.put("afterId", query.afterId());
        }
        params.put("limit", query.limit());
        return jdbc.sql(sql.append(" order by created_at, id limit :limit").toString()).params(params)
                .query((rs, n) -> handoff(rs)).list();
    }

    List<Attempt> attempts(UUID handoffId) {
        return jdbc.sql("select * from handoff_attempt where handoff_id = :id order by id")
                .param("id", handoffId)
                .query((rs, n) -> new Attempt(rs.getInt("attempt"), rs.getTimestamp("at").toInstant(),
                        rs.getString("channel"), rs.getString("outcome"), rs.getString("error_code"),
                        rs.getString("detail"), (Integer) rs.getObject("duration_ms")))
                .list();
    }

    /** Every routing decision for the person, including those that found nobody. */
    public List<Map<String, Object>> decisions(UUID beneficiaryId) {
        return jdbc.sql("""
                        select trigger, source_kind, source_id, rule_id, outcome, explanation, handoff_id, decided_at
                        from routing_decision where beneficiary_id = :b order by id
                        """)
                .param("b", beneficiaryId).query().listOfRows();
    }

    private void attempt(UUID id, int attempt, Channel channel, String outcome, String code, String detail,
                         long durationMs) {
        jdbc.sql("""
                        insert into handoff_attempt (handoff_id, attempt, channel, outcome, error_code, detail, duration_ms)
                        values (:id, :attempt, :channel, :outcome, :code, :detail, :ms)
                        """)
                .param("id", id).param("attempt", attempt).param("channel", channel.name()).param("outcome", outcome)
                .param("code", code).param("detail", detail == null ? null : truncate(detail))
                .param("ms", (int) Math.min(Integer.MAX_VALUE, durationMs))
                .update();
    }

    private Handoff handoff(ResultSet rs) throws SQLException {
        try {
            return new Handoff(rs.getObject("id", UUID.class), rs.getObject("beneficiary_id", UUID.class),
                    rs.getString("trigger"), rs.getString("rule_id"), rs.getString("reason"),
                    rs.getString("explanation"), rs.getString("recipient_key"), rs.getString("recipient_role"), rs.getString("recipient_name"),
                    rs.getString("recipient_email"), rs.getString("recipient_structure"),
                    rs.getString("recipient_partner_id"), Channel.valueOf(rs.getString("channel")),
                    HandoffStatus.valueOf(rs.getString("status")), rs.getString("status_reason"),
                    rs.getInt("attempts"), instant(rs, "next_attempt_at"), instant(rs, "created_at"),
                    instant(rs, "delivered_at"), instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"),
                    instant(rs, "parked_at"), rs.getInt("replays"), json.readTree(rs.getString("payload")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("handoff payload unreadable", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static String truncate(String text) {
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
