package fr.passerelle.hub.intake;

import fr.passerelle.hub.api.ApiExchange;
import fr.passerelle.hub.api.ApiReplies;
import fr.passerelle.hub.api.InvalidParameterException;
import fr.passerelle.hub.api.ListQuery;
import fr.passerelle.hub.failure.NotFoundException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code GET /api/v1/files…}: a partner's own files (pushed or pulled), what became of them, and their reject
 * reports — the same report its outbox received, until retention empties it (410, {@link ReportPrunedException}).
 */
@Component
public class FileApi {

    private static final int LIMIT = 100;
    private static final int MAX_LIMIT = 200;

    private final InboundFileStore files;
    private final ApiReplies replies;

    public FileApi(InboundFileStore files, ApiReplies replies) {
        this.files = files;
        this.replies = replies;
    }

    /** {@code GET /api/v1/files?status&since&limit&after}: newest first, a page at a time (docs/api.md). */
    public void list(Exchange exchange) {
        String partnerId = ApiExchange.authenticatedPartner(exchange);
        ListQuery query = ListQuery.of(exchange, LIMIT, MAX_LIMIT);
        List<InboundFileStore.FileSummary> page = files.recentForPartner(partnerId, status(exchange), query);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("files", page);
        body.put("nextCursor", query.nextCursor(page, InboundFileStore.FileSummary::receivedAt,
                InboundFileStore.FileSummary::id));
        replies.reply(exchange, 200, ApiReplies.JSON, body);
    }

    private static FileStatus status(Exchange exchange) {
        String status = exchange.getIn().getHeader("status", String.class);
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return FileStatus.valueOf(status.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("status", "valeurs admises : " + Arrays.toString(FileStatus.values()));
        }
    }

    public void one(Exchange exchange) {
        String partnerId = ApiExchange.authenticatedPartner(exchange);
        UUID id = ApiExchange.uuid(exchange.getIn().getHeader("id", String.class), "file");
        replies.reply(exchange, 200, ApiReplies.JSON, files.summaryForPartner(id, partnerId)
                .orElseThrow(() -> new NotFoundException("file")));
    }

    public void report(Exchange exchange) {
        String partnerId = ApiExchange.authenticatedPartner(exchange);
        UUID id = ApiExchange.uuid(exchange.getIn().getHeader("id", String.class), "file");
        InboundFileStore.FileSummary file = files.summaryForPartner(id, partnerId)
                .orElseThrow(() -> new NotFoundException("file"));
        byte[] report = files.reportForPartner(id, partnerId).orElseThrow(() -> files.reportPrunedForPartner(id, partnerId)
                .<RuntimeException>map(ReportPrunedException::new).orElseGet(() -> new NotFoundException("report")));
        boolean workbook = file.reportName() != null && file.reportName().endsWith(".xlsx");
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, workbook
                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv");
        // SECURITY: the name is one the hub made (PartnerFolders.safeFileName), never the sender's raw input.
        exchange.getMessage().setHeader("Content-Disposition", "attachment; filename=\"" + file.reportName() + "\"");
        exchange.getMessage().setBody(report);
    }
}
