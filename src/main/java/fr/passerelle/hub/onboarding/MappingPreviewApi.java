package fr.passerelle.hub.onboarding;

import fr.passerelle.hub.api.ApiExchange;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.hub.api.ApiReplies;
import fr.passerelle.hub.api.InvalidParameterException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * {@code POST /api/v1/ops/mappings/{partner}/{mapping}/preview} (operators): the sample file in base64
 * ({@code {"content": …}}), the preview as the answer — every record mapped, every error, the reject report the partner would get (base64).
 */
@Component
public class MappingPreviewApi {

    // SECURITY: a sample larger than a partner's largest accepted file is not read.
    static final DataSize MAX_SAMPLE = DataSize.ofMegabytes(10);

    private final MappingPreview previews;
    private final ApiReplies replies;
    private final ObjectMapper json;

    MappingPreviewApi(MappingPreview previews, ApiReplies replies, ObjectMapper json) {
        this.previews = previews;
        this.replies = replies;
        this.json = json;
    }

    public void preview(Exchange exchange) throws IOException {
        ApiExchange.authenticatedOperator(exchange);
        // Base64 inside JSON: the API's one body format, and a workbook's bytes travel unchanged.
        byte[] request = ApiExchange.readLimited(exchange.getIn().getBody(InputStream.class),
                MAX_SAMPLE.toBytes() * 4 / 3 + 1024);
        byte[] sample;
        try {
            sample = Base64.getMimeDecoder().decode(json.readTree(request).path("content").asText(""));
        } catch (IOException | IllegalArgumentException e) {
            throw new InvalidParameterException("content", "le fichier d'exemple en base64 est attendu");
        }
        if (sample.length == 0) {
            throw new InvalidParameterException("content", "le fichier d'exemple est vide");
        }
        MappingPreview.Preview preview = previews.preview(exchange.getIn().getHeader("partner", String.class),
                exchange.getIn().getHeader("mapping", String.class), sample);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mappingId", preview.mappingId());
        body.put("stored", false);
        if (preview.unusableCode() != null) {
            body.put("unusable", Map.of("code", preview.unusableCode(), "reason", preview.unusableReason()));
        }
        body.put("recordsTotal", preview.records().size());
        body.put("recordsAccepted", preview.accepted());
        body.put("recordsRejected", preview.rejected());
        body.put("records", preview.records());
        if (preview.report() != null) {
            body.put("rejectReport", Map.of("fileName", preview.reportName(), "contentType", preview.reportContentType(),
                    "base64", Base64.getEncoder().encodeToString(preview.report())));
        }
        replies.reply(exchange, 200, ApiReplies.JSON, body);
    }
}
