package fr.passerelle.hub.journey;

import fr.passerelle.hub.correlation.MessageKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.hub.failure.AccessDeniedException;
import fr.passerelle.hub.api.ApiExchange;
import fr.passerelle.hub.api.ApiReplies;
import fr.passerelle.hub.failure.NotFoundException;
import fr.passerelle.hub.beneficiary.RecordAccessAudit;
import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.partner.PartnerKind;
import fr.passerelle.hub.partner.PartnerRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code POST /api/v1/beneficiaries/{id}/events} and {@code GET /api/v1/beneficiaries/{id}/journey} (SPEC §5), for
 * the programme team, called from {@code routes/api-journey.yaml}.
 */
@Component
public class JourneyApi {

    /** An event is a few fields; anything larger is not an event. */
    static final int MAX_EVENT_BYTES = 16_384;

    private final JourneyService journeys;
    private final PartnerRegistry partners;
    private final RecordAccessAudit audit;
    private final ApiReplies replies;
    private final ObjectMapper json;

    public JourneyApi(JourneyService journeys, PartnerRegistry partners, RecordAccessAudit audit, ApiReplies replies,
                      ObjectMapper json) {
        this.journeys = journeys;
        this.partners = partners;
        this.audit = audit;
        this.replies = replies;
        this.json = json;
    }

    public void recordEvent(Exchange exchange) throws IOException {
        String partnerId = programmeTeam(exchange);
        UUID beneficiaryId = beneficiaryId(exchange);
        JsonNode body = readBody(exchange);
        JourneyEventRecorded recorded = journeys.record(beneficiaryId, partnerId, body)
                .orElseThrow(() -> new NotFoundException("beneficiary"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("eventId", recorded.event().id());
        answer.put("beneficiaryId", beneficiaryId);
        answer.put("type", recorded.event().type());
        answer.put("occurredAt", recorded.event().occurredAt());
        answer.put("triggers", recorded.triggers());
        answer.put("state", recorded.after());
        replies.reply(exchange, 201, ApiReplies.JSON, answer);
        exchange.getMessage().setHeader("Location", "/api/v1/beneficiaries/" + beneficiaryId + "/journey");
    }

    public void journey(Exchange exchange) {
        String partnerId = programmeTeam(exchange);
        UUID beneficiaryId = beneficiaryId(exchange);
        Journey journey = journeys.journey(beneficiaryId).orElseThrow(() -> new NotFoundException("beneficiary"));
        audit.recordRead(beneficiaryId, RecordAccessAudit.AccessorKind.PARTNER, partnerId,
                "GET /api/v1/beneficiaries/{id}/journey");
        replies.reply(exchange, 200, ApiReplies.JSON, journey);
    }

    private JsonNode readBody(Exchange exchange) throws IOException {
        byte[] body = ApiExchange.readLimited(exchange.getIn().getBody(InputStream.class), MAX_EVENT_BYTES);
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new InvalidJourneyEventException(List.of(new FieldIssue("$", "JSON_MALFORME",
                    "le corps n'est pas un JSON lisible")));
        }
    }

    private String programmeTeam(Exchange exchange) {
        String partnerId = ApiExchange.authenticatedPartner(exchange);
        exchange.setProperty(MessageKeys.PARTNER_ID, partnerId);
        if (partners.get(partnerId).kind() != PartnerKind.PROGRAMME) {
            throw new AccessDeniedException("the journey is recorded and read by the programme team");
        }
        return partnerId;
    }

    private static UUID beneficiaryId(Exchange exchange) {
        try {
            return UUID.fromString(exchange.getIn().getHeader("id", String.class));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException("beneficiary");
        }
    }
}
