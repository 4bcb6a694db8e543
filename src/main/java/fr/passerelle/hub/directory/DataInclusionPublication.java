package fr.passerelle.hub.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.passerelle.hub.api.ApiReplies;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The programme published back in the data·inclusion shape ({@code routes/api-data-inclusion.yaml}): the
 * structures of kind {@code PROGRAMME} and their services, as a page of data·inclusion's API, so that prescribers'
 * tools reading data·inclusion find it. Each service says how to refer a person: {@code lien_mobilisation} is the
 * hub's referral entry point, for professionals. Every record is checked against the schema before it is served.
 */
@Component
public class DataInclusionPublication {

    private static final Logger log = LoggerFactory.getLogger(DataInclusionPublication.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcClient jdbc;
    private final DataInclusionSchema schema;
    private final DirectoryProperties properties;
    private final ApiReplies replies;

    DataInclusionPublication(JdbcClient jdbc, DataInclusionSchema schema, DirectoryProperties properties,
                             ApiReplies replies) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.properties = properties;
        this.replies = replies;
    }

    public void structures(Exchange exchange) {
        replies.reply(exchange, 200, ApiReplies.JSON, page(DataInclusionResource.STRUCTURE, records("""
                select p.record::text from directory_di_structure p
                join directory_structure d on d.data_inclusion_id = p.id
                where d.kind = 'PROGRAMME' order by p.id""")));
    }

    public void services(Exchange exchange) {
        List<JsonNode> services = new ArrayList<>();
        for (JsonNode record : records("""
                select s.record::text from directory_di_service s
                join directory_structure d on d.data_inclusion_id = s.structure_id
                where d.kind = 'PROGRAMME' order by s.id""")) {
            services.add(withReferralEntryPoint((ObjectNode) record));
        }
        replies.reply(exchange, 200, ApiReplies.JSON, page(DataInclusionResource.SERVICE, services));
    }

    /** Professionals refer a person through the hub: the entry point is added to how the service is mobilised. */
    private ObjectNode withReferralEntryPoint(ObjectNode service) {
        service.put("lien_mobilisation", properties.referralEntryPoint());
        addIfAbsent(service, "modes_mobilisation", "utiliser-lien-mobilisation");
        addIfAbsent(service, "mobilisable_par", "professionnels");
        return service;
    }

    private static void addIfAbsent(ObjectNode record, String field, String value) {
        JsonNode existing = record.get(field);
        ArrayNode values = existing != null && existing.isArray() ? (ArrayNode) existing : record.putArray(field);
        for (JsonNode present : values) {
            if (present.asText().equals(value)) {
                return;
            }
        }
        values.add(value);
    }

    private List<JsonNode> records(String sql) {
        return jdbc.sql(sql).query(String.class).list().stream().map(DataInclusionPublication::json).toList();
    }

    private ObjectNode page(DataInclusionResource resource, List<JsonNode> records) {
        ObjectNode page = JSON.createObjectNode();
        ArrayNode items = page.putArray("items");
        for (JsonNode record : records) {
            List<String> problems = schema.problems(resource, record);
            if (problems.isEmpty()) {
                items.add(record);
            } else {
                log.warn("Published {} {} left out: {} problem(s) against the schema", resource,
                        record.path("id").asText(), problems.size());
            }
        }
        page.put("total", items.size()).put("page", 1).put("size", items.size()).put("pages", items.isEmpty() ? 0 : 1);
        return page;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored data·inclusion record is not JSON", e);
        }
    }
}
