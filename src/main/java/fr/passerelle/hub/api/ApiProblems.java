package fr.passerelle.hub.api;

import fr.passerelle.hub.correlation.MessageKeys;
import fr.passerelle.hub.failure.Failure;
import fr.passerelle.hub.failure.FailureKind;
import fr.passerelle.hub.failure.FailureMeter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The one place API failures become answers (RFC 9457 problem+json), used by the {@code api-errors} route
 * configuration. The answer renders the failure's own code, kind, title, detail and field errors.
 */
@Component
public class ApiProblems {

    private final ApiReplies replies;
    private final FailureMeter failures;

    public ApiProblems(ApiReplies replies, FailureMeter failures) {
        this.replies = replies;
        this.failures = failures;
    }

    public void answer(Exchange exchange) {
        Failure failure = failures.observe(exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class),
                exchange.getProperty(MessageKeys.PARTNER_ID, String.class), "REST", exchange.getFromRouteId());
        int status = status(failure.kind());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:passerelle:problem:" + failure.code().toLowerCase().replace('_', '-'));
        body.put("title", failure.title());
        body.put("status", status);
        body.put("code", failure.code());
        body.put("detail", failure.detail());
        if (!failure.errors().isEmpty()) {
            body.put("errors", failure.errors());
        }
        replies.reply(exchange, status, ApiReplies.PROBLEM_JSON, body);
    }

    static int status(FailureKind kind) {
        return switch (kind) {
            case CLIENT_ERROR -> 400;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case GONE -> 410;
            case TOO_LARGE -> 413;
            case TRANSIENT -> 503;
            case INTERNAL -> 500;
        };
    }
}
