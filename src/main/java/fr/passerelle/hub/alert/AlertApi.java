package fr.passerelle.hub.alert;

import fr.passerelle.hub.api.ApiExchange;
import fr.passerelle.hub.api.ApiReplies;
import fr.passerelle.hub.api.InvalidParameterException;
import fr.passerelle.hub.failure.NotFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/** {@code /api/v1/ops/alerts} (operators, HTTP Basic): the alerts and their acknowledgement. */
@Component
public class AlertApi {

    static final int PAGE = 200;

    private final AlertStore alerts;
    private final AlertNotifications notifications;
    private final ApiReplies replies;

    AlertApi(AlertStore alerts, AlertNotifications notifications, ApiReplies replies) {
        this.alerts = alerts;
        this.notifications = notifications;
        this.replies = replies;
    }

    /** {@code GET /api/v1/ops/alerts?state=OPEN|ALL&limit}: open alerts first, then the most recent. */
    public void list(Exchange exchange) {
        String state = exchange.getIn().getHeader("state", "OPEN", String.class);
        if (!state.equals("OPEN") && !state.equals("ALL")) {
            throw new InvalidParameterException("state", "valeurs admises : OPEN, ALL");
        }
        List<Alert> found = alerts.recent(state.equals("OPEN"), ApiExchange.limit(exchange, PAGE, PAGE));
        replies.reply(exchange, 200, ApiReplies.JSON, Map.of("alerts", found.stream().map(this::view).toList()));
    }

    /** {@code POST /api/v1/ops/alerts/{id}/ack}: idempotent, the first acknowledgement stays. */
    public void acknowledge(Exchange exchange) {
        String operator = ApiExchange.authenticatedOperator(exchange);
        UUID id = ApiExchange.uuid(exchange.getIn().getHeader("id", String.class), "alert");
        Alert alert = alerts.acknowledge(id, operator).orElseThrow(() -> new NotFoundException("alert", id.toString()));
        replies.reply(exchange, 200, ApiReplies.JSON, view(alert));
    }

    private Map<String, Object> view(Alert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alertId", alert.id());
        body.put("kind", alert.kind().name());
        body.put("title", alert.title());
        body.put("subject", alert.subject());
        if (alert.partnerId() != null) {
            body.put("partnerId", alert.partnerId());
        }
        body.put("state", alert.state());
        body.put("detail", alert.detail());
        body.put("openedAt", alert.openedAt().toString());
        body.put("lastSeenAt", alert.lastSeenAt().toString());
        if (alert.resolvedAt() != null) {
            body.put("resolvedAt", alert.resolvedAt().toString());
        }
        if (alert.acknowledgedAt() != null) {
            body.put("acknowledgedAt", alert.acknowledgedAt().toString());
            body.put("acknowledgedBy", alert.acknowledgedBy());
        }
        body.put("notifications", notifications.statusOf(alert.id()));
        return body;
    }
}
