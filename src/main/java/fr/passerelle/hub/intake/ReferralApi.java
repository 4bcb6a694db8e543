package fr.passerelle.hub.intake;

import fr.passerelle.hub.api.ApiContract;
import fr.passerelle.hub.api.ApiExchange;
import fr.passerelle.hub.api.ApiReplies;
import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.correlation.MessageKeys;
import fr.passerelle.hub.failure.NotFoundException;
import fr.passerelle.hub.partner.Channel;
import fr.passerelle.hub.referral.ReferralStore;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The REST face of referral intake (SPEC §4.1), the steps of {@code routes/api-referrals.yaml} and the partner's REST
 * route: authenticate → storeRaw → (partner route: mapping, contract) → checkContract → accept → answer. It keeps who is calling and the shape
 * of the answer; the pipeline is {@link SingleRecordIntake}'s.
 */
@Component
public class ReferralApi {

    /** The exchange property naming the schema of the API's contract a partner's body must satisfy. */
    public static final String CONTRACT = "contract";
    static final String VIOLATIONS = "contractViolations";

    private final SingleRecordIntake pipeline;
    private final ReferralStore referrals;
    private final ApiReplies replies;
    private final IntakeProperties limits;
    private final ApiContract contract;

    public ReferralApi(SingleRecordIntake pipeline, ReferralStore referrals, ApiReplies replies,
                       IntakeProperties limits, ApiContract contract) {
        this.pipeline = pipeline;
        this.referrals = referrals;
        this.replies = replies;
        this.limits = limits;
        this.contract = contract;
    }

    /** The partner the API key filter authenticated. */
    public void authenticate(Exchange exchange) {
        exchange.setProperty(MessageKeys.PARTNER_ID, ApiExchange.authenticatedPartner(exchange));
    }

    /** The body, read with a ceiling, stored before anything else. */
    public void storeRaw(Exchange exchange) throws IOException {
        byte[] body = ApiExchange.readLimited(exchange.getIn().getBody(InputStream.class), limits.maxJsonSize().toBytes());
        RawMessage raw = pipeline.storeRaw(exchange.getProperty(MessageKeys.PARTNER_ID, String.class), Channel.REST,
                exchange.getFromRouteId(), exchange.getIn().getHeader(Exchange.CONTENT_TYPE, String.class), body);
        exchange.setProperty(MessageKeys.RAW_MESSAGE_ID, raw.id());
        exchange.setProperty(MessageKeys.CORRELATION_ID, raw.correlationId());
        exchange.getIn().setBody(body);
    }

    /**
     * Every departure of the body from the schema the API's description publishes for it (the route's
     * {@code contract}). They do not stop the pipeline here: the mapping's errors are added to them, so that the
     * sender gets the whole list in one answer.
     */
    public void checkContract(Exchange exchange) {
        exchange.setProperty(VIOLATIONS, contract.violations(exchange.getProperty(CONTRACT, String.class),
                exchange.getIn().getBody(byte[].class)));
    }

    /** Read → map → validate → accept → journal → count, with the mapping the partner's route names. */
    @SuppressWarnings("unchecked")
    public void accept(Exchange exchange) {
        List<FieldIssue> violations = exchange.getProperty(VIOLATIONS, List.of(), List.class);
        IntakeResult result = pipeline.accept(exchange.getProperty(MessageKeys.RAW_MESSAGE_ID, UUID.class),
                exchange.getProperty(MessageKeys.PARTNER_ID, String.class), Channel.REST, exchange.getFromRouteId(),
                exchange.getProperty(MessageKeys.MAPPING, String.class), exchange.getIn().getBody(byte[].class),
                violations);
        exchange.getIn().setBody(result);
    }

    /** {@code 202} and {@code Location} for a new referral, {@code 200} for one already known. */
    public void answer(Exchange exchange) {
        IntakeResult result = exchange.getIn().getBody(IntakeResult.class);
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
        String id = exchange.getIn().getHeader("id", String.class);
        var view = referrals.findForPartner(ApiExchange.uuid(id, "referral"), partnerId)
                .orElseThrow(() -> new NotFoundException("referral", id));
        replies.reply(exchange, 200, ApiReplies.JSON, view);
    }
}
