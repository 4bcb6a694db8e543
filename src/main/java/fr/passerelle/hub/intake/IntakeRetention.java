package fr.passerelle.hub.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Prunes intake's own tables for the retention tiers, one bounded batch per call: raw payload bodies, the sealed
 * cells of file records and the stored reject reports (both quote rows), and — the journal's metadata tier — the rows
 * of messages no referral revision references. A message still waiting for an operator (FAILED) or a file still being
 * processed keeps its body and its rows whatever their age: replay and resumption read them. A message a referral
 * revision references is that referral's provenance: it lives as long as the referral (the privacy rules).
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

    /**
     * Empties the stored reject reports of files finished before {@code before} (they quote the rejected rows); the
     * file keeps its counts and the report's name, and says when ({@code report_pruned_at}: the API answers 410).
     */
    @Transactional
    public int pruneReports(Instant before, int batch) {
        return jdbc.sql("""
                        with doomed as (
                            select id from inbound_file
                            where report_sealed is not null and finished_at < :before
                            order by finished_at limit :batch
                            for update skip locked)
                        update inbound_file f set report_sealed = null, report_pruned_at = now()
                        from doomed where f.id = doomed.id
                        """)
                .param("before", Timestamp.from(before)).param("batch", batch).update();
    }

    /** What one batch of {@link #pruneMessages} deleted. */
    public record Deleted(int messages, int files, int records) {
    }

    /**
     * Deletes the rows of messages received before {@code before} that no referral revision references: rejected
     * messages, duplicates, files none of whose rows became a revision, and failed messages since replayed
     * successfully (the successful run before {@code resolvedBefore}). Kept whatever their age: a message still
     * RECEIVED, a FAILED one not resolved, a file RECEIVED, PROCESSING or QUARANTINED (for an operator), a file with a
     * record the hub failed on ({@link InboundFileStore#HUB_FAILED}: {@link FileReplay} may still need it), a file a
     * replay ran again or a replay run of one (the run's settled records stand for the original's: the family stays
     * whole), a referral's provenance, a message a journal replay still names (the journal's own rows go first, same
     * tier). The records of the batch's files go first, at most {@code batch} a call; a file's message goes once its
     * records are gone. A successful replay run of a single-record message loses its {@code replay_of} link to the
     * failed message deleted.
     */
    @Transactional
    public Deleted pruneMessages(Instant before, Instant resolvedBefore, int batch) {
        List<UUID> doomed = jdbc.sql("""
                        select m.id from raw_message m
                        where m.received_at < :before and m.outcome in ('REJECTED', 'DUPLICATE', 'FAILED', 'DONE')
                          and (m.outcome <> 'FAILED' or exists (
                                select 1 from raw_message run where run.replay_of = m.id
                                and run.outcome in ('ACCEPTED', 'UPDATED', 'DUPLICATE')
                                and run.processed_at < :resolvedBefore))
                          and not exists (select 1 from referral_revision v where v.raw_message_id = m.id)
                          and not exists (select 1 from inbound_file f where f.raw_message_id = m.id
                                and (f.status in ('RECEIVED', 'PROCESSING', 'QUARANTINED') or f.replay_of is not null
                                     or exists (select 1 from inbound_file run where run.replay_of = f.id)
                                     or exists (select 1 from inbound_record r where r.inbound_file_id = f.id
                                                and %s)))
                          and not exists (select 1 from replay r where r.target_kind = 'MESSAGE' and r.target_id = m.id)
                          and not exists (select 1 from replay r where r.replay_message_id = m.id)
                        order by m.received_at limit :batch
                        for update of m skip locked
                        """.formatted(InboundFileStore.HUB_FAILED))
                .param("before", Timestamp.from(before)).param("resolvedBefore", Timestamp.from(resolvedBefore))
                .param("batch", batch).query(UUID.class).list();
        if (doomed.isEmpty()) {
            return new Deleted(0, 0, 0);
        }
        UUID[] ids = doomed.toArray(UUID[]::new);
        int records = jdbc.sql("""
                        delete from inbound_record r using (
                            select r.inbound_file_id, r.position from inbound_record r
                            join inbound_file f on f.id = r.inbound_file_id
                            where f.raw_message_id = any(:ids) limit :batch) doomed
                        where r.inbound_file_id = doomed.inbound_file_id and r.position = doomed.position
                        """)
                .param("ids", ids).param("batch", batch).update();
        // A file with records left waits for the next batch, its message with it.
        UUID[] ready = jdbc.sql("""
                        select m from unnest(cast(:ids as uuid[])) m
                        where not exists (select 1 from inbound_file f join inbound_record r on r.inbound_file_id = f.id
                                          where f.raw_message_id = m)
                        """)
                .param("ids", ids).query(UUID.class).list().toArray(UUID[]::new);
        int files = jdbc.sql("delete from inbound_file where raw_message_id = any(:ids)").param("ids", ready).update();
        jdbc.sql("update raw_message set replay_of = null where replay_of = any(:ids)")
                .param("ids", ready).update();
        int messages = jdbc.sql("delete from raw_message where id = any(:ids)").param("ids", ready).update();
        return new Deleted(messages, files, records);
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
