package fr.passerelle.hub.handoff.referent;

import fr.passerelle.hub.api.ApiExchange;
import fr.passerelle.hub.api.ApiReplies;
import fr.passerelle.hub.failure.NotFoundException;
import fr.passerelle.hub.handoff.HandoffOutbox;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** {@code POST /api/v1/ops/handoffs/{id}/revoke-links}: an operator closes every referent link of a handoff. */
@Component
public class ReferentLinkRevocation {

    private static final Logger log = LoggerFactory.getLogger(ReferentLinkRevocation.class);

    private final ReferentLinks links;
    private final HandoffOutbox outbox;
    private final ApiReplies replies;

    public ReferentLinkRevocation(ReferentLinks links, HandoffOutbox outbox, ApiReplies replies) {
        this.links = links;
        this.outbox = outbox;
        this.replies = replies;
    }

    public void revoke(Exchange exchange) {
        String operator = ApiExchange.authenticatedOperator(exchange);
        UUID id = ApiExchange.uuid(exchange.getIn().getHeader("id", String.class), "handoff");
        outbox.find(id).orElseThrow(() -> new NotFoundException("handoff", id.toString()));
        int revoked = links.revokeAll(id);
        log.info("Operator {} revoked {} referent link(s) of handoff {}", operator, revoked, id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("handoffId", id);
        body.put("revokedLinks", revoked);
        replies.reply(exchange, 200, ApiReplies.JSON, body);
    }
}
