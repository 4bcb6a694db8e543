package fr.passerelle.hub.journey;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.passerelle.hub.canonical.Barrier;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Journey events in PostgreSQL, append-only. */
@Component
class JourneyStore {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public JourneyStore(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Locks the beneficiary for the rest of the transaction, so two events for the same person are validated one
     * after the other, each against the state the other left. False if there is no such beneficiary.
     */
    public boolean lockBeneficiary(UUID beneficiaryId) {
        return jdbc.sql("select id from beneficiary where id = :id for update").param("id", beneficiaryId)
                .query(UUID.class).optional().isPresent();
    }

    public List<JourneyEvent> events(UUID beneficiaryId) {
        return jdbc.sql("select * from journey_event where beneficiary_id = :id order by seq")
                .param("id", beneficiaryId).query((rs, n) -> event(rs)).list();
    }

    public void append(JourneyEvent event) {
        ObjectNode details = json.createObjectNode();
        if (event.eligible() != null) {
            details.put("eligible", event.eligible());
        }
        putText(details, "reason", event.reason());
        if (event.referent() != null) {
            details.set("referent", json.valueToTree(event.referent()));
        }
        if (event.kind() != null) {
            details.put("kind", event.kind().name());
        }
        if (event.barrier() != null) {
            details.put("barrier", event.barrier().name());
        }
        putText(details, "note", event.note());
        if (event.outcome() != null) {
            details.put("outcome", event.outcome().name());
        }
        jdbc.sql("""
                        insert into journey_event (id, beneficiary_id, type, occurred_at, recorded_at, recorded_by, details)
                        values (:id, :b, :type, :occurred, :recorded, :by, cast(:details as jsonb))
                        """)
                .param("id", event.id()).param("b", event.beneficiaryId()).param("type", event.type().name())
                .param("occurred", Timestamp.from(event.occurredAt().toInstant()))
                .param("recorded", Timestamp.from(event.recordedAt()))
                .param("by", event.recordedBy()).param("details", write(details))
                .update();
    }

    private JourneyEvent event(ResultSet rs) throws SQLException {
        ObjectNode details;
        try {
            details = (ObjectNode) json.readTree(rs.getString("details"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("journey_event.details unreadable", e);
        }
        return new JourneyEvent(rs.getObject("id", UUID.class), rs.getObject("beneficiary_id", UUID.class),
                JourneyEventType.valueOf(rs.getString("type")),
                rs.getTimestamp("occurred_at").toInstant().atOffset(ZoneOffset.UTC),
                rs.getTimestamp("recorded_at").toInstant(), rs.getString("recorded_by"),
                details.has("eligible") ? details.get("eligible").booleanValue() : null,
                text(details, "reason"),
                details.has("referent") ? json.convertValue(details.get("referent"), JourneyEvent.AssignedReferent.class) : null,
                details.has("kind") ? WorkshopKind.valueOf(details.get("kind").asText()) : null,
                details.has("barrier") ? Barrier.valueOf(details.get("barrier").asText()) : null,
                text(details, "note"),
                details.has("outcome") ? ProgrammeOutcome.valueOf(details.get("outcome").asText()) : null);
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String text(ObjectNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
