package fr.passerelle.hub.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Prunes intake's own tables for the retention tiers, one bounded batch per call: raw payload bodies, and the
 * sealed cells of file records (the reject report's copy of a row). A message still waiting for an operator
 * (FAILED) or a file still being processed keeps its body whatever its age: replay and resumption read it.
 */
@Component
public class IntakeRetention {

    private final JdbcClient jdbc;

    IntakeRetention(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Empties the bodies of payloads received before {@code before} (metadata kept); a message that failed and was
     * resolved since keeps its body until {@code resolvedBefore} too. Returns how many were pruned.
     */
    @Transactional
    public int pruneBodies(Instant before, Instant resolvedBefore, int batch) {
        return jdbc.sql("""
                        with doomed as (
                            select m.id from raw_message m
                            where m.payload_pruned_at is null and m.received_at < :before
                              and m.outcome not in ('FAILED', 'RECEIVED')
                              and (m.processed_at is null or m.processed_at < :resolvedBefore)
                              and not exists (select 1 from inbound_file f where f.raw_message_id = m.id
                                              and f.status in ('RECEIVED', 'PROCESSING'))
                            order by m.received_at limit :batch
                            for update of m skip locked)
                        update raw_message m set payload_sealed = ''::bytea, payload_pruned_at = now()
                        from doomed where m.id = doomed.id
                        """)
                .param("before", Timestamp.from(before)).param("resolvedBefore", Timestamp.from(resolvedBefore))
                .param("batch", batch).update();
    }

    /** Drops the sealed cells kept for the reject report of records processed before {@code before}. */
    @Transactional
    public int pruneRecordDetails(Instant before, int batch) {
        return jdbc.sql("""
                        with doomed as (
                            select inbound_file_id, position from inbound_record
                            where cells_sealed is not null and processed_at < :before
                            order by processed_at limit :batch
                            for update skip locked)
                        update inbound_record r set cells_sealed = null from doomed
                        where r.inbound_file_id = doomed.inbound_file_id and r.position = doomed.position
                        """)
                .param("before", Timestamp.from(before)).param("batch", batch).update();
    }

    /** Per partner, the receipt time of the oldest payload whose body is still kept. */
    public Map<String, Instant> oldestPayloadKept() {
        Map<String, Instant> oldest = new LinkedHashMap<>();
        jdbc.sql("""
                        select partner_id, min(received_at) as oldest from raw_message
                        where payload_pruned_at is null group by partner_id order by partner_id""")
                .query((rs, n) -> oldest.put(rs.getString("partner_id"), rs.getTimestamp("oldest").toInstant())).list();
        return oldest;
    }
}
