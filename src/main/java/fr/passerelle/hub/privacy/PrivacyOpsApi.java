package fr.passerelle.hub.privacy;

import fr.passerelle.hub.api.ApiExchange;
import fr.passerelle.hub.api.ApiReplies;
import fr.passerelle.hub.api.InvalidParameterException;
import fr.passerelle.hub.security.KeyRotation;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code /api/v1/ops/privacy/…} (routes/api-ops-privacy.yaml): a person's export and erasure, retention runs, the
 * data key rotation's re-sealing — for administrators only, each with the reason it is done for — and the statistics anonymisation keeps, for operators.
 */
@Component
public class PrivacyOpsApi {

    private static final int MAX_REASON = 500;

    private final PersonalData personalData;
    private final KeyRotation rotation;
    private final ApiReplies replies;

    PrivacyOpsApi(PersonalData personalData, KeyRotation rotation, ApiReplies replies) {
        this.personalData = personalData;
        this.rotation = rotation;
        this.replies = replies;
    }

    /** {@code POST /api/v1/ops/privacy/data-keys/reseal}: the rotation's re-sealing step (security/KeyRotation). */
    public void reseal(Exchange exchange) {
        ApiExchange.authenticatedAdministrator(exchange);
        replies.reply(exchange, 200, ApiReplies.JSON, rotation.resealAll());
    }

    /** {@code GET /api/v1/ops/privacy/beneficiaries/{id}/export?reason=…} */
    public void export(Exchange exchange) {
        String admin = ApiExchange.authenticatedAdministrator(exchange);
        UUID id = ApiExchange.uuid(exchange.getIn().getHeader("id", String.class), "beneficiary");
        replies.reply(exchange, 200, ApiReplies.JSON, personalData.export(id, admin, reason(exchange)));
    }

    /** {@code POST /api/v1/ops/privacy/beneficiaries/{id}/erasure?reason=…} */
    public void erase(Exchange exchange) {
        String admin = ApiExchange.authenticatedAdministrator(exchange);
        UUID id = ApiExchange.uuid(exchange.getIn().getHeader("id", String.class), "beneficiary");
        replies.reply(exchange, 200, ApiReplies.JSON, personalData.erase(id, admin, reason(exchange)));
    }

    /** {@code POST /api/v1/ops/privacy/retention?dryRun=true|false} (a dry run unless told otherwise). */
    public void retention(Exchange exchange) {
        String admin = ApiExchange.authenticatedAdministrator(exchange);
        String dryRun = exchange.getIn().getHeader("dryRun", "true", String.class);
        if (!dryRun.equals("true") && !dryRun.equals("false")) {
            throw new InvalidParameterException("dryRun", "valeurs admises : true, false");
        }
        replies.reply(exchange, 200, ApiReplies.JSON, personalData.retention(Boolean.parseBoolean(dryRun), admin));
    }

    /** {@code GET /api/v1/ops/privacy/statistics} */
    public void statistics(Exchange exchange) {
        ApiExchange.authenticatedOperator(exchange);
        replies.reply(exchange, 200, ApiReplies.JSON, personalData.statistics());
    }

    private static String reason(Exchange exchange) {
        String reason = exchange.getIn().getHeader("reason", String.class);
        if (reason == null || reason.isBlank()) {
            throw new InvalidParameterException("reason", "indiquez la demande à laquelle vous répondez");
        }
        if (reason.length() > MAX_REASON) {
            throw new InvalidParameterException("reason", MAX_REASON + " caractères au plus");
        }
        return reason.strip();
    }
}
