package fr.passerelle.hub.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code alert} table: one open row per condition (unique on kind + subject while open). */
@Component
class AlertStore {

    private final JdbcClient jdbc;

    AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Alert> open() {
        return jdbc.sql("select * from alert where resolved_at is null order by opened_at, id").query(AlertStore::alert).list();
    }

    /** Opens the condition's alert; empty if it is open already (by this instance or another). */
    Optional<Alert> open(Condition condition) {
        return jdbc.sql("""
                        insert into alert (id, kind, subject, partner_id, detail)
                        values (:id, :kind, :subject, :partner, :detail)
                        on conflict (kind, subject) where resolved_at is null do nothing
                        returning *
                        """)
                .param("id", UUID.randomUUID()).param("kind", condition.kind().name())
                .param("subject", condition.subject()).param("partner", condition.partnerId())
                .param("detail", condition.detail())
                .query(AlertStore::alert).optional();
    }

    /** The condition still holds: its latest detail and when it was last seen. */
    void seen(UUID id, String detail) {
        jdbc.sql("update alert set last_seen_at = now(), detail = :detail where id = :id and resolved_at is null")
                .param("id", id).param("detail", detail).update();
    }

    /** Resolves the alert; false if it was resolved already. */
    boolean resolve(UUID id) {
        return jdbc.sql("update alert set resolved_at = now() where id = :id and resolved_at is null")
                .param("id", id).update() == 1;
    }

    /** Idempotent: the first acknowledgement stays. Empty if there is no such alert. */
    Optional<Alert> acknowledge(UUID id, String operator) {
        jdbc.sql("update alert set acknowledged_at = now(), acknowledged_by = :by where id = :id and acknowledged_at is null")
                .param("id", id).param("by", operator).update();
        return find(id);
    }

    Optional<Alert> find(UUID id) {
        return jdbc.sql("select * from alert where id = :id").param("id", id).query(AlertStore::alert).optional();
    }

    /** Open alerts first, then the most recently opened; at most {@code limit}. */
    List<Alert> recent(boolean openOnly, int limit) {
        return jdbc.sql("""
                        select * from alert where (not :openOnly or resolved_at is null)
                        order by (resolved_at is null) desc, opened_at desc, id limit :limit
                        """)
                .param("openOnly", openOnly).param("limit", limit).query(AlertStore::alert).list();
    }

    private static Alert alert(ResultSet rs, int n) throws SQLException {
        return new Alert(rs.getObject("id", UUID.class), AlertKind.valueOf(rs.getString("kind")),
                rs.getString("subject"), rs.getString("partner_id"), rs.getString("detail"),
                instant(rs.getTimestamp("opened_at")), instant(rs.getTimestamp("last_seen_at")),
                instant(rs.getTimestamp("resolved_at")), instant(rs.getTimestamp("acknowledged_at")),
                rs.getString("acknowledged_by"));
    }

    private static Instant instant(Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
