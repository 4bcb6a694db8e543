package fr.passerelle.hub.handoff.referent;

import fr.passerelle.hub.api.ApiExchange;
import fr.passerelle.hub.api.ApiReplies;
import fr.passerelle.hub.failure.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code /api/v1/ops/take-overs}: the take-overs typed on a referent page that wait for an operator (as
 * {@code take-over-approval} says), and the operator's approval or refusal.
 */
@Component
public class TakeOverApprovals {

    private final PendingTakeOvers pending;
    private final ReferentDesk desk;
    private final ApiReplies replies;

    public TakeOverApprovals(PendingTakeOvers pending, ReferentDesk desk, ApiReplies replies) {
        this.pending = pending;
        this.desk = desk;
        this.replies = replies;
    }

    public void list(Exchange exchange) {
        ApiExchange.authenticatedOperator(exchange);
        List<Map<String, Object>> items = new ArrayList<>();
        for (PendingTakeOvers.ForOperator item : pending.forOperators()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("takeOverId", item.id());
            row.put("handoffId", item.handoffId());
            row.put("firstName", item.referent().firstName());
            row.put("lastName", item.referent().lastName());
            row.put("email", item.referent().email());
            row.put("phone", item.referent().phone());
            row.put("structure", item.referent().structure());
            row.put("requestedAt", item.requestedAt().toString());
            row.put("expiresAt", item.expiresAt().toString());
            items.add(row);
        }
        replies.reply(exchange, 200, ApiReplies.JSON, Map.of("takeOvers", items));
    }

    public void approve(Exchange exchange) {
        decide(exchange, true);
    }

    public void refuse(Exchange exchange) {
        decide(exchange, false);
    }

    private void decide(Exchange exchange, boolean approved) {
        String operator = ApiExchange.authenticatedOperator(exchange);
        UUID id = ApiExchange.uuid(exchange.getIn().getHeader("id", String.class), "take-over");
        boolean decided;
        try {
            decided = desk.decideTakeOver(id, approved, operator);
        } catch (ReferentActionException notApplicable) {
            throw new TakeOverNotApplicableException(notApplicable.getMessage());
        }
        if (!decided) {
            throw new NotFoundException("take-over", id.toString());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("takeOverId", id);
        body.put("decision", approved ? "APPROVED" : "REFUSED");
        replies.reply(exchange, 200, ApiReplies.JSON, body);
    }
}
