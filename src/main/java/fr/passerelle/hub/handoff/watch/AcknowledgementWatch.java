package fr.passerelle.hub.handoff.watch;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.hub.beneficiary.BeneficiaryRecord;
import fr.passerelle.hub.beneficiary.BeneficiaryRecords;
import fr.passerelle.hub.handoff.Handoff;
import fr.passerelle.hub.handoff.HandoffOutbox;
import fr.passerelle.hub.handoff.HandoffPayload;
import fr.passerelle.hub.handoff.NewHandoff;
import fr.passerelle.hub.handoff.DirectoryLookup;
import fr.passerelle.hub.handoff.rules.Recipient;
import fr.passerelle.hub.handoff.rules.RoutingDecision;
import fr.passerelle.hub.partner.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivered is not enough: a referent must acknowledge. A DELIVERED handoff still unacknowledged past its deadline
 * (working days after delivery, per channel) gets one reminder, a new handoff to the same recipient linked to it
 * ({@code reminderOf}); still unacknowledged (neither it nor its reminder) past the escalation deadline counted from
 * the reminder, it is escalated to the territory coordinator covering the person. Each at most once per handoff
 * ({@code handoff_followup}'s key), recorded as routing decisions and in the handoff's status reason.
 * Reminders and escalations are themselves never reminded nor escalated, nor a handoff whose payload retention
 * pruned (weeks past its deadlines: there is nothing left to hand on again).
 */
@Component
public class AcknowledgementWatch {

    static final String REMINDER_RULE = "ack-reminder";
    static final String ESCALATION_RULE = "ack-escalation";
    static final String REMINDER_TRIGGER = "ACK_REMINDER";
    static final String ESCALATION_TRIGGER = "ACK_OVERDUE";

    private static final Logger log = LoggerFactory.getLogger(AcknowledgementWatch.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final JdbcClient jdbc;
    private final HandoffOutbox outbox;
    private final BeneficiaryRecords records;
    private final DirectoryLookup lookup;
    private final WatchProperties settings;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final ObjectMapper json;
    private final Clock clock;

    public AcknowledgementWatch(JdbcClient jdbc, HandoffOutbox outbox, BeneficiaryRecords records,
                                DirectoryLookup lookup, WatchProperties settings,
                                PlatformTransactionManager transactionManager, MeterRegistry meters, ObjectMapper json,
                                Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.records = records;
        this.lookup = lookup;
        this.settings = settings;
        this.transactions = new TransactionTemplate(transactionManager);
        this.meters = meters;
        this.json = json;
        this.clock = clock;
    }

    /** Called on every tick of routes/handoff-watch.yaml. @return reminders and escalations written */
    public int remindAndEscalate() {
        return remind() + escalate();
    }

    /**
     * Unacknowledged DELIVERED handoffs past their reminder deadline: id, endpoint, delivery time, deadline.
     *
     * @param notRemindedOnly leave out those reminded already
     */
    List<Overdue> overdue(boolean notRemindedOnly) {
        Instant now = Instant.now(clock);
        // n working days are at least n calendar days: the database narrows, Java counts the working days.
        Instant latest = now.minus(Duration.ofDays(settings.shortestReminder()));
        return jdbc.sql("""
                        select id, recipient_partner_id, channel, delivered_at from handoff
                        where status = 'DELIVERED' and delivered_at <= :latest and source_kind <> 'HANDOFF'
                          and payload_pruned_at is null
                          and (not :notReminded or not exists (select 1 from handoff_followup f
                                where f.handoff_id = handoff.id and f.kind = 'REMINDER'))
                        order by delivered_at, id
                        """)
                .param("latest", Timestamp.from(latest)).param("notReminded", notRemindedOnly)
                .query((rs, n) -> {
                    Channel channel = Channel.valueOf(rs.getString("channel"));
                    Instant delivered = rs.getTimestamp("delivered_at").toInstant();
                    return new Overdue(rs.getObject("id", UUID.class), rs.getString("recipient_partner_id"), channel,
                            delivered, WorkingDays.after(delivered, settings.remindAfter(channel), settings.zone()));
                })
                .list().stream().filter(candidate -> !candidate.dueAt().isAfter(now)).toList();
    }

    record Overdue(UUID id, String partnerId, Channel channel, Instant deliveredAt, Instant dueAt) {
    }

    private int remind() {
        int written = 0;
        for (Overdue candidate : overdue(true)) {
            if (written >= settings.batchSize()) {
                break;
            }
            Boolean done = transactions.execute(status -> remind(candidate));
            if (Boolean.TRUE.equals(done)) {
                written++;
            }
        }
        return written;
    }

    private boolean remind(Overdue candidate) {
        Optional<Handoff> locked = lockDelivered(candidate.id());
        if (locked.isEmpty() || !claim(candidate.id(), "REMINDER", candidate.dueAt())) {
            return false;
        }
        Handoff original = locked.get();
        Instant now = Instant.now(clock);
        int days = settings.remindAfter(original.channel());
        String reason = "Relance : le transfert " + original.id() + " remis le " + day(original.deliveredAt())
                + " n'a pas été acquitté après " + days + " jours ouvrés. Rappel : " + original.reason();
        Recipient sameRecipient = new Recipient(original.recipientKey(), original.recipientRole(),
                original.recipientName(), original.recipientEmail(), null, original.recipientStructure(),
                original.recipientPartnerId(), original.channel(), "le destinataire du transfert " + original.id());
        String explanation = "relance " + REMINDER_RULE + " : transfert " + original.id() + " (règle "
                + original.ruleId() + ", canal " + original.channel() + ") remis le " + day(original.deliveredAt())
                + ", sans acquittement à l'échéance de " + days + " jours ouvrés (" + day(candidate.dueAt())
                + ") → même destinataire";
        // The same recipient already holds what the original carried: the reminder hands it on again, linked to it.
        Map<String, Object> previous = json.convertValue(original.payload(), LinkedHashMap.class);
        Map<String, Object> details = HandoffPayload.detailsOf(previous);
        details.put("reminderOf", original.id());
        UUID reminder = outbox.add(new NewHandoff(original.beneficiaryId(), REMINDER_TRIGGER,
                new HandoffOutbox.Source("HANDOFF", original.id().toString()), REMINDER_RULE, reason, explanation,
                sameRecipient, HandoffPayload.beneficiaryOf(previous), details), RoutingDecision.Outcome.ROUTED)
                .orElse(null);
        jdbc.sql("update handoff_followup set followup_handoff_id = :f where handoff_id = :id and kind = 'REMINDER'")
                .param("f", reminder).param("id", original.id()).update();
        note(original.id(), "relancé le " + day(now) + " (transfert de relance " + reminder + ")");
        meters.counter("passerelle.handoffs.reminded", tags(original)).increment();
        log.info("Handoff {} unacknowledged past {}: reminder {}", original.id(), candidate.dueAt(), reminder);
        return true;
    }

    private int escalate() {
        Instant now = Instant.now(clock);
        Instant latest = now.minus(Duration.ofDays(settings.escalateAfterWorkingDays()));
        List<Map<String, Object>> candidates = jdbc.sql("""
                        select h.id, f.at as reminded_at, f.followup_handoff_id as reminder_id from handoff h
                        join handoff_followup f on f.handoff_id = h.id and f.kind = 'REMINDER'
                        left join handoff r on r.id = f.followup_handoff_id
                        where h.status = 'DELIVERED' and f.at <= :latest and h.payload_pruned_at is null
                          and (r.id is null or r.status <> 'ACKNOWLEDGED')
                          and not exists (select 1 from handoff_followup e where e.handoff_id = h.id and e.kind = 'ESCALATION')
                        order by f.at limit :limit
                        """)
                .param("latest", Timestamp.from(latest)).param("limit", settings.batchSize()).query().listOfRows();
        int written = 0;
        for (Map<String, Object> row : candidates) {
            Instant dueAt = WorkingDays.after(((Timestamp) row.get("reminded_at")).toInstant(),
                    settings.escalateAfterWorkingDays(), settings.zone());
            if (dueAt.isAfter(now)) {
                continue;
            }
            UUID id = (UUID) row.get("id");
            UUID reminder = (UUID) row.get("reminder_id");
            Boolean done = transactions.execute(status -> escalate(id, reminder, dueAt));
            if (Boolean.TRUE.equals(done)) {
                written++;
            }
        }
        return written;
    }

    private boolean escalate(UUID handoffId, UUID reminderId, Instant dueAt) {
        Optional<Handoff> locked = lockDelivered(handoffId);
        if (locked.isEmpty() || !claim(handoffId, "ESCALATION", dueAt)) {
            return false;
        }
        Handoff original = locked.get();
        Instant now = Instant.now(clock);
        HandoffOutbox.Source source = new HandoffOutbox.Source("HANDOFF", original.id().toString());
        String who = (original.recipientName() == null ? "le destinataire" : original.recipientName())
                + (original.recipientStructure() == null ? "" : " (" + original.recipientStructure() + ")");
        String reason = "Transfert non acquitté : " + who + " n'a acquitté ni le transfert " + original.id()
                + " (" + original.trigger() + ", remis le " + day(original.deliveredAt()) + ") ni sa relance. "
                + "Motif d'origine : " + original.reason() + " Merci de réattribuer ou de relancer ce suivi.";
        String because = "escalade " + ESCALATION_RULE + " : transfert " + original.id() + " (règle "
                + original.ruleId() + ", destinataire " + original.recipientKey() + ", canal " + original.channel()
                + ") relancé (" + reminderId + ") sans acquittement à l'échéance de "
                + settings.escalateAfterWorkingDays() + " jours ouvrés après la relance (" + day(dueAt) + ")";
        if ("TERRITORY_COORDINATOR".equals(original.recipientRole())) {
            outbox.decide(original.beneficiaryId(), ESCALATION_TRIGGER, source, ESCALATION_RULE, "NO_RECIPIENT",
                    because + " → le destinataire est déjà le coordinateur territorial", null);
            note(original.id(), "relance restée sans acquittement ; destinataire déjà coordinateur territorial");
            return true;
        }
        BeneficiaryRecord record = original.beneficiaryId() == null ? null
                : records.find(original.beneficiaryId()).orElse(null);
        List<Recipient> coordinators = lookup.territoryCoordinators(record);
        if (coordinators.isEmpty()) {
            outbox.decide(original.beneficiaryId(), ESCALATION_TRIGGER, source, ESCALATION_RULE, "NO_RECIPIENT",
                    because + " → aucun coordinateur territorial ne couvre la commune de la personne", null);
            note(original.id(), "escalade impossible le " + day(now) + " : aucun coordinateur territorial connu");
            log.warn("Handoff {} unacknowledged after its reminder: no territory coordinator to escalate to",
                    original.id());
            return true;
        }
        // SECURITY: the coordinator works on the person in the hub; the handoff names nobody.
        Map<String, Object> person = original.beneficiaryId() == null ? null : HandoffPayload.idsOnly(
                original.beneficiaryId(), original.payload().path("beneficiary").path("consentGiven").asBoolean(false));
        Map<String, Object> overdue = new LinkedHashMap<>();
        overdue.put("handoffId", original.id());
        overdue.put("trigger", original.trigger());
        overdue.put("rule", original.ruleId());
        overdue.put("recipient", who);
        overdue.put("channel", original.channel().name());
        overdue.put("deliveredAt", String.valueOf(original.deliveredAt()));
        overdue.put("reminderHandoffId", reminderId);
        Map<String, Object> unacknowledged = new LinkedHashMap<>();
        unacknowledged.put("unacknowledged", overdue);
        UUID first = null;
        for (Recipient coordinator : coordinators) {
            UUID added = outbox.add(new NewHandoff(original.beneficiaryId(), ESCALATION_TRIGGER, source,
                    ESCALATION_RULE, reason, because + " → " + coordinator.found(), coordinator, person,
                    unacknowledged), RoutingDecision.Outcome.ROUTED).orElse(null);
            first = first == null ? added : first;
        }
        jdbc.sql("update handoff_followup set followup_handoff_id = :f where handoff_id = :id and kind = 'ESCALATION'")
                .param("f", first).param("id", original.id()).update();
        note(original.id(), "escaladé au coordinateur territorial le " + day(now) + " (transfert " + first + ")");
        meters.counter("passerelle.handoffs.escalated", tags(original)).increment();
        log.info("Handoff {} unacknowledged after its reminder: escalated ({})", original.id(), first);
        return true;
    }

    /** The handoff, locked, if still DELIVERED; another instance holding it means it is being handled. */
    private Optional<Handoff> lockDelivered(UUID id) {
        Optional<UUID> locked = jdbc.sql("select id from handoff where id = :id and status = 'DELIVERED' for update skip locked")
                .param("id", id).query(UUID.class).optional();
        return locked.flatMap(outbox::find);
    }

    private boolean claim(UUID handoffId, String kind, Instant dueAt) {
        return jdbc.sql("""
                        insert into handoff_followup (handoff_id, kind, due_at) values (:id, :kind, :due)
                        on conflict do nothing
                        """)
                .param("id", handoffId).param("kind", kind).param("due", Timestamp.from(dueAt)).update() == 1;
    }

    private void note(UUID handoffId, String text) {
        jdbc.sql("update handoff set status_reason = :text where id = :id and status = 'DELIVERED'")
                .param("text", text).param("id", handoffId).update();
    }

    private String day(Instant instant) {
        return instant == null ? "?" : DAY.format(instant.atZone(settings.zone()));
    }

    private static String[] tags(Handoff handoff) {
        return new String[] {"partner", handoff.recipientPartnerId() == null ? "none" : handoff.recipientPartnerId(),
                "channel", handoff.channel().name(), "route", "handoff-watch"};
    }
}
