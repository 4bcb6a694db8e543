package fr.passerelle.hub.api;

import fr.passerelle.hub.intake.ChannelNotAllowedException;
import fr.passerelle.hub.intake.IntakeProperties;
import fr.passerelle.hub.intake.IntakeResult;
import fr.passerelle.hub.intake.PayloadTooLargeException;
import fr.passerelle.hub.intake.RawMessage;
import fr.passerelle.hub.intake.RawMessageStore;
import fr.passerelle.hub.intake.RecordRejectedException;
import fr.passerelle.hub.intake.ReferralIntake;
import fr.passerelle.hub.mapping.JsonRecords;
import fr.passerelle.hub.mapping.MappedRecord;
import fr.passerelle.hub.mapping.MappingCatalog;
import fr.passerelle.hub.mapping.MappingDefinition;
import fr.passerelle.hub.mapping.RecordMapper;
import fr.passerelle.hub.mapping.SourceRecord;
import fr.passerelle.hub.mapping.UnusablePayloadException;
import fr.passerelle.hub.partner.Channel;
import fr.passerelle.hub.partner.Partner;
import fr.passerelle.hub.partner.PartnerRegistry;
import fr.passerelle.hub.referral.ReferralStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The REST face of referral intake (SPEC §4.1), called step by step from {@code routes/api-referrals.yaml} and the
 * partner's REST route. The logic it calls (mapping, intake) knows nothing of HTTP or Camel.
 */
@Component
public class ReferralApi {

    private final PartnerRegistry partners;
    private final RawMessageStore rawMessages;
    private final MappingCatalog mappings;
    private final RecordMapper mapper;
    private final ReferralIntake intake;
    private final ReferralStore referrals;
    private final ApiReplies replies;
    private final IntakeProperties limits;
    private final MeterRegistry meters;

    public ReferralApi(PartnerRegistry partners, RawMessageStore rawMessages, MappingCatalog mappings,
                       RecordMapper mapper, ReferralIntake intake, ReferralStore referrals, ApiReplies replies,
                       IntakeProperties limits, MeterRegistry meters) {
        this.partners = partners;
        this.rawMessages = rawMessages;
        this.mappings = mappings;
        this.mapper = mapper;
        this.intake = intake;
        this.referrals = referrals;
        this.replies = replies;
        this.limits = limits;
        this.meters = meters;
    }

    /** First step of every submission: who is calling, may they, and the raw body stored before anything else. */
    public void receive(Exchange exchange) throws IOException {
        String partnerId = ApiExchange.authenticatedPartner(exchange);
        exchange.setProperty(ApiExchange.PARTNER_ID, partnerId);
        MDC.put("partnerId", partnerId);
        Partner partner = partners.get(partnerId);
        if (!partner.receivesFrom(Channel.REST)) {
            throw new ChannelNotAllowedException(partnerId, Channel.REST.name());
        }
        byte[] body = readLimited(exchange.getIn().getBody(InputStream.class), limits.maxJsonSize().toBytes());
        RawMessage raw = rawMessages.store(partnerId, Channel.REST.name(), null,
                exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class), body);
        exchange.setProperty(ApiExchange.RAW_MESSAGE_ID, raw.id());
        MDC.put("correlationId", raw.correlationId());
        meters.counter("passerelle.intake.received", "partner", partnerId, "channel", Channel.REST.name(),
                "route", String.valueOf(exchange.getFromRouteId())).increment();
        exchange.getIn().setBody(body);
    }

    /** Maps the stored body with the partner's mapping and accepts it; every field error is returned at once. */
    public void submit(Exchange exchange) {
        String partnerId = exchange.getProperty(ApiExchange.PARTNER_ID, String.class);
        UUID rawMessageId = exchange.getProperty(ApiExchange.RAW_MESSAGE_ID, UUID.class);
        MappingDefinition mapping = mappings.get(exchange.getProperty(ApiExchange.MAPPING, String.class));
        if (!mapping.partner().equals(partnerId)) {
            throw new IllegalStateException("route wired mapping " + mapping.id() + " to partner " + partnerId);
        }
        List<SourceRecord> records = JsonRecords.read(mapping, exchange.getIn().getBody(byte[].class));
        if (records.size() != 1) {
            throw new UnusablePayloadException("JSON_INATTENDU", "une seule orientation par requête");
        }
        MappedRecord mapped = mapper.map(mapping, records.get(0));
        if (!mapped.accepted()) {
            throw new RecordRejectedException(mapped.errors());
        }
        IntakeResult result = intake.accept(partners.get(partnerId), Channel.REST.name(), rawMessageId, mapped);
        rawMessages.recordOutcome(rawMessageId, result.created() ? "ACCEPTED" : result.changed() ? "UPDATED" : "DUPLICATE",
                result.referralId().toString());
        meters.counter("passerelle.intake.accepted", "partner", partnerId, "channel", Channel.REST.name(),
                "route", String.valueOf(exchange.getFromRouteId())).increment();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("referralId", result.referralId());
        body.put("status", result.status());
        if (!result.warnings().isEmpty()) {
            body.put("warnings", result.warnings());
        }
        replies.reply(exchange, result.created() ? 202 : 200, ApiReplies.JSON, body);
        exchange.getMessage().setHeader("Location", "/api/v1/referrals/" + result.referralId());
    }

    /** A referral as its sender sees it; anyone else's is "not found". */
    public void status(Exchange exchange) {
        String partnerId = ApiExchange.authenticatedPartner(exchange);
        UUID id = parseId(exchange.getIn().getHeader("id", String.class));
        var view = referrals.findForPartner(id, partnerId)
                .orElseThrow(() -> new ResourceNotFoundException("referral"));
        replies.reply(exchange, 200, ApiReplies.JSON, view);
    }

    static UUID parseId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ResourceNotFoundException("referral");
        }
    }

    // SECURITY: the body is read with a ceiling, so an endless upload cannot exhaust memory.
    private static byte[] readLimited(InputStream in, long limit) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (body.length > limit) {
            throw new PayloadTooLargeException(limit);
        }
        return body;
    }
}
