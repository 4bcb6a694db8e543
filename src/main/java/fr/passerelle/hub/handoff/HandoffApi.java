package fr.passerelle.hub.handoff;

import fr.passerelle.hub.correlation.MessageKeys;
import fr.passerelle.hub.failure.AccessDeniedException;
import fr.passerelle.hub.api.ApiExchange;
import fr.passerelle.hub.api.ApiReplies;
import fr.passerelle.hub.api.InvalidParameterException;
import fr.passerelle.hub.api.ListQuery;
import fr.passerelle.hub.failure.NotFoundException;
import fr.passerelle.hub.beneficiary.BeneficiaryRecords;
import fr.passerelle.hub.beneficiary.RecordAccessAudit;
import fr.passerelle.hub.partner.Channel;
import fr.passerelle.hub.partner.PartnerKind;
import fr.passerelle.hub.partner.PartnerRegistry;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The handoff API (SPEC §4.1), called from {@code routes/api-handoffs.yaml}: recipients pull and acknowledge their
 * handoffs; the programme team reads a person's handoffs and routing decisions; operators list parked handoffs and
 * replay them. A partner never sees another partner's handoff: 404.
 */
@Component
public class HandoffApi {

    static final int PAGE = 200;

    private final HandoffOutbox outbox;
    private final HandoffReplay replay;
    private final PartnerRegistry partners;
    private final BeneficiaryRecords records;
    private final RecordAccessAudit audit;
    private final ApiReplies replies;

    public HandoffApi(HandoffOutbox outbox, HandoffReplay replay, PartnerRegistry partners, BeneficiaryRecords records,
                      RecordAccessAudit audit, ApiReplies replies) {
        this.outbox = outbox;
        this.replay = replay;
        this.partners = partners;
        this.records = records;
        this.audit = audit;
        this.replies = replies;
    }

    /**
     * {@code GET /api/v1/handoffs?status=PENDING|ACKNOWLEDGED&since&limit&after}: PENDING means not acknowledged
     * yet; oldest first, a page at a time (docs/api.md).
     */
    public void list(Exchange exchange) {
        String partnerId = partner(exchange);
        String status = exchange.getIn().getHeader("status", "PENDING", String.class);
        if (!status.equals("PENDING") && !status.equals("ACKNOWLEDGED")) {
            throw new InvalidParameterException("status", "valeurs admises : PENDING, ACKNOWLEDGED");
        }
        ListQuery query = ListQuery.of(exchange, PAGE, PAGE);
        List<Handoff> handoffs = outbox.forPartner(partnerId, status.equals("ACKNOWLEDGED"), query);
        outbox.pulled(partnerId, handoffs.stream().filter(handoff -> handoff.channel() == Channel.PULL_API)
                .map(Handoff::id).toList());
        // SPEC §7: a handoff carries the person (as far as consent allows): each person listed is a read, audited.
        handoffs.stream().filter(handoff -> handoff.beneficiaryId() != null)
                .collect(java.util.stream.Collectors.groupingBy(Handoff::beneficiaryId, LinkedHashMap::new,
                        java.util.stream.Collectors.mapping(handoff -> handoff.id().toString(),
                                java.util.stream.Collectors.joining(", "))))
                .forEach((beneficiary, ids) -> audit.recordRead(beneficiary, RecordAccessAudit.AccessorKind.PARTNER,
                        partnerId, "GET /api/v1/handoffs : " + ids));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status);
        body.put("handoffs", handoffs.stream().map(HandoffApi::forRecipient).toList());
        body.put("nextCursor", query.nextCursor(handoffs, Handoff::createdAt, Handoff::id));
        replies.reply(exchange, 200, ApiReplies.JSON, body);
    }

    /** {@code POST /api/v1/handoffs/{id}/ack}: idempotent, the first acknowledgement is kept. */
    public void acknowledge(Exchange exchange) {
        String partnerId = partner(exchange);
        UUID id = id(exchange, "handoff");
        Handoff handoff = outbox.acknowledge(id, partnerId, partnerId)
                .orElseThrow(() -> new NotFoundException("handoff"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("handoffId", handoff.id());
        body.put("status", handoff.status());
        body.put("acknowledgedAt", handoff.acknowledgedAt());
        replies.reply(exchange, 200, ApiReplies.JSON, body);
    }

    /** {@code GET /api/v1/beneficiaries/{id}/handoffs}: every handoff and routing decision, for the programme team. */
    public void forBeneficiary(Exchange exchange) {
        String partnerId = partner(exchange);
        if (partners.get(partnerId).kind() != PartnerKind.PROGRAMME) {
            throw new AccessDeniedException("a person's handoffs are for the programme team and operators");
        }
        UUID id = id(exchange, "beneficiary");
        if (records.find(id).isEmpty()) {
            throw new NotFoundException("beneficiary");
        }
        audit.recordRead(id, RecordAccessAudit.AccessorKind.PARTNER, partnerId, "GET /api/v1/beneficiaries/{id}/handoffs");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("beneficiaryId", id);
        body.put("handoffs", outbox.forBeneficiary(id).stream().map(this::full).toList());
        body.put("decisions", outbox.decisions(id));
        replies.reply(exchange, 200, ApiReplies.JSON, body);
    }

    /** {@code GET /api/v1/ops/handoffs?status=PARKED&since&limit&after}: for operators, oldest first. */
    public void opsList(Exchange exchange) {
        HandoffStatus status;
        try {
            status = HandoffStatus.valueOf(exchange.getIn().getHeader("status", "PARKED", String.class));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("status", "valeurs admises : " + Arrays.toString(HandoffStatus.values()));
        }
        ListQuery query = ListQuery.of(exchange, PAGE, PAGE);
        List<Handoff> handoffs = outbox.withStatus(status, query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("handoffs", handoffs.stream().map(this::full).toList());
        body.put("nextCursor", query.nextCursor(handoffs, Handoff::createdAt, Handoff::id));
        replies.reply(exchange, 200, ApiReplies.JSON, body);
    }

    /** {@code POST /api/v1/ops/handoffs/{id}/replay}: a parked (or failing) handoff is sent again now. */
    public void opsReplay(Exchange exchange) {
        UUID id = id(exchange, "handoff");
        Handoff handoff = replay.replay(id, ApiExchange.authenticatedOperator(exchange));
        replies.reply(exchange, 202, ApiReplies.JSON, full(handoff));
    }

    private Map<String, Object> full(Handoff handoff) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("handoffId", handoff.id());
        body.put("trigger", handoff.trigger());
        body.put("rule", handoff.ruleId());
        body.put("reason", handoff.reason());
        body.put("explanation", handoff.explanation());
        Map<String, Object> recipient = new LinkedHashMap<>();
        recipient.put("role", handoff.recipientRole());
        recipient.put("name", handoff.recipientName());
        recipient.put("email", handoff.recipientEmail());
        recipient.put("structure", handoff.recipientStructure());
        recipient.put("partnerId", handoff.recipientPartnerId());
        recipient.put("channel", handoff.channel());
        body.put("recipient", recipient);
        body.put("status", handoff.status());
        body.put("statusReason", handoff.statusReason());
        body.put("attempts", outbox.attempts(handoff.id()));
        body.put("nextAttemptAt", handoff.nextAttemptAt());
        body.put("createdAt", handoff.createdAt());
        body.put("deliveredAt", handoff.deliveredAt());
        body.put("acknowledgedAt", handoff.acknowledgedAt());
        body.put("acknowledgedBy", handoff.acknowledgedBy());
        body.put("parkedAt", handoff.parkedAt());
        body.put("replays", handoff.replays());
        return body;
    }

    private static Map<String, Object> forRecipient(Handoff handoff) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("handoffId", handoff.id());
        body.put("status", handoff.status() == HandoffStatus.ACKNOWLEDGED ? "ACKNOWLEDGED" : "PENDING");
        body.put("createdAt", handoff.createdAt());
        body.put("handoff", handoff.payload());
        return body;
    }

    private static String partner(Exchange exchange) {
        String partnerId = ApiExchange.authenticatedPartner(exchange);
        exchange.setProperty(MessageKeys.PARTNER_ID, partnerId);
        return partnerId;
    }

    private static UUID id(Exchange exchange, String what) {
        try {
            return UUID.fromString(exchange.getIn().getHeader("id", String.class));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException(what);
        }
    }
}
