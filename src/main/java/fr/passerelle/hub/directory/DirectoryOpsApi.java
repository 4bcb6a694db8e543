package fr.passerelle.hub.directory;

import fr.passerelle.hub.api.ApiReplies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The directory as operators see it ({@code routes/api-ops-directory.yaml}): every structure with its values and
 * the source of each (data·inclusion or the local layer), the areas it covers and the service that says so; the
 * records refused at import with their reasons; where the pulled feeds stand.
 */
@Component
public class DirectoryOpsApi {

    private final ReferentDirectory directory;
    private final JdbcClient jdbc;
    private final ApiReplies replies;

    DirectoryOpsApi(ReferentDirectory directory, JdbcClient jdbc, ApiReplies replies) {
        this.directory = directory;
        this.jdbc = jdbc;
        this.replies = replies;
    }

    public void structures(Exchange exchange) {
        List<Map<String, Object>> structures = directory.structures().stream().map(structure -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", structure.id());
            item.put("dataInclusionId", structure.dataInclusionId());
            item.put("name", structure.name());
            item.put("kind", structure.kind());
            item.put("partnerId", structure.partnerId());
            item.put("safirCode", structure.safirCode());
            item.put("email", structure.email());
            item.put("phone", structure.phone());
            item.put("ageMin", structure.ageMin());
            item.put("ageMax", structure.ageMax());
            item.put("sources", structure.sources());
            item.put("coverage", structure.coverage());
            item.put("aliases", structure.aliases());
            item.put("emailDomains", structure.emailDomains());
            return item;
        }).toList();
        replies.reply(exchange, 200, ApiReplies.JSON, Map.of("structures", structures));
    }

    public void rejections(Exchange exchange) {
        List<Map<String, Object>> rejected = jdbc.sql("""
                        select origin, resource, position, record_id, reasons, rejected_at
                        from directory_import_rejection order by rejected_at desc, id desc limit 200""")
                .query((rs, n) -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("origin", rs.getString("origin"));
                    item.put("resource", rs.getString("resource"));
                    item.put("position", rs.getInt("position"));
                    item.put("recordId", rs.getString("record_id"));
                    item.put("reasons", List.of((String[]) rs.getArray("reasons").getArray()));
                    item.put("rejectedAt", rs.getTimestamp("rejected_at").toInstant().toString());
                    return item;
                }).list();
        List<Map<String, Object>> feeds = jdbc.sql("select * from directory_feed_checkpoint order by feed_id")
                .query().listOfRows();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rejections", rejected);
        body.put("feeds", feeds);
        replies.reply(exchange, 200, ApiReplies.JSON, body);
    }
}
