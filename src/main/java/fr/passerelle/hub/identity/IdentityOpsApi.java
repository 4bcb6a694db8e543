package fr.passerelle.hub.identity;

import fr.passerelle.hub.api.ApiExchange;
import fr.passerelle.hub.api.ApiReplies;
import fr.passerelle.hub.failure.NotFoundException;
import fr.passerelle.hub.beneficiary.BeneficiaryRecords;
import fr.passerelle.hub.beneficiary.RecordAccessAudit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The review queue and merges for operators' tools ({@code /api/v1/ops/…}, HTTP Basic): the same decisions as the
 * console pages, every record shown an audited read.
 */
@Component
public class IdentityOpsApi {

    private final ReviewQueue reviews;
    private final ReviewDecisions decisions;
    private final BeneficiaryMerger merger;
    private final BeneficiaryRecords records;
    private final RecordAccessAudit audit;
    private final ApiReplies replies;

    public IdentityOpsApi(ReviewQueue reviews, ReviewDecisions decisions, BeneficiaryMerger merger,
                          BeneficiaryRecords records, RecordAccessAudit audit, ApiReplies replies) {
        this.reviews = reviews;
        this.decisions = decisions;
        this.merger = merger;
        this.records = records;
        this.audit = audit;
        this.replies = replies;
    }

    public void pending(Exchange exchange) {
        String operator = ApiExchange.authenticatedOperator(exchange);
        List<Map<String, Object>> items = reviews.pending().stream().map(item -> {
            Map<String, Object> pair = new LinkedHashMap<>();
            pair.put("reviewId", item.id());
            pair.put("score", item.score());
            pair.put("evidence", item.evidence());
            pair.put("incoming", read(item.beneficiaryId(), operator));
            pair.put("candidate", read(item.candidateId(), operator));
            return pair;
        }).toList();
        replies.reply(exchange, 200, ApiReplies.JSON, Map.of("reviews", items));
    }

    public void confirm(Exchange exchange) {
        String operator = ApiExchange.authenticatedOperator(exchange);
        UUID merge = decisions.confirm(id(exchange), operator);
        if (merge == null) {
            throw new NotFoundException("pending review");
        }
        replies.reply(exchange, 200, ApiReplies.JSON, Map.of("mergeId", merge));
    }

    public void reject(Exchange exchange) {
        String operator = ApiExchange.authenticatedOperator(exchange);
        if (!decisions.reject(id(exchange), operator)) {
            throw new NotFoundException("pending review");
        }
        replies.reply(exchange, 200, ApiReplies.JSON, Map.of("status", "REJECTED"));
    }

    public void undo(Exchange exchange) {
        String operator = ApiExchange.authenticatedOperator(exchange);
        UUID mergeId = id(exchange);
        merger.find(mergeId).orElseThrow(() -> new NotFoundException("merge"));
        merger.unmerge(mergeId, operator);
        replies.reply(exchange, 200, ApiReplies.JSON, merger.find(mergeId).orElseThrow());
    }

    private Object read(UUID beneficiaryId, String operator) {
        audit.recordRead(beneficiaryId, RecordAccessAudit.AccessorKind.OPERATOR, operator, "revue d'identité (API)");
        return records.find(beneficiaryId).orElseThrow();
    }

    private static UUID id(Exchange exchange) {
        try {
            return UUID.fromString(exchange.getIn().getHeader("id", String.class));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException("review");
        }
    }
}
