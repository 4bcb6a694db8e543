package fr.passerelle.hub.journal;

import fr.passerelle.hub.intake.FileReplay;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The message journal, read across the tables that already record each step (raw_message, inbound_file,
 * inbound_record, referral, referral_revision, handoff, handoff_attempt) and the replays: one entry per inbound message
 * and per handoff. Searches go through indexes on the business keys (V17). Metadata only: codes, ids, counts — the
 * raw payload is read elsewhere, by administrators only.
 */
@Component
public class Journal {

    /** One line of the journal: an inbound message (each run of it) or a handoff. */
    public record Entry(String kind, UUID id, String partnerId, String channel, String status, String detail,
                        Instant at, String recordKey, UUID replayOf) {
    }

    public record Message(UUID id, String partnerId, String channel, Instant receivedAt, String fileName,
                          String contentType, int sizeBytes, String digest, String outcome, String outcomeDetail,
                          Instant processedAt, String routeId, String mappingId, String recordKey, UUID referralId,
                          UUID replayOf) {
    }

    public record InboundFile(UUID id, String mappingId, String status, String reasonCode, Integer recordsTotal,
                              Integer recordsAccepted, Integer recordsRejected, Instant finishedAt) {
    }

    /** A record of a file: its outcome and, when rejected, the fields and codes (never the values). */
    public record InboundRecord(int position, String recordKey, String outcome, UUID referralId, List<String> errors) {
    }

    public record Referral(UUID id, String partnerId, String recordKey, String status, UUID beneficiaryId,
                           Instant createdAt) {
    }

    public record Attempt(int attempt, Instant at, String channel, String outcome, String errorCode, Integer durationMs) {
    }

    public record Handoff(UUID id, String ruleId, String trigger, String channel, String recipientPartnerId,
                          String recipientRole, String status, Instant createdAt, Instant deliveredAt,
                          Instant acknowledgedAt, int replays, List<Attempt> attempts) {
    }

    /** One replay as audited: who asked, when, in which job, what became of it and which run it made. */
    public record Replay(long id, String targetKind, UUID targetId, UUID jobId, String requestedBy, Instant requestedAt,
                         Instant finishedAt, String outcome, UUID runId, String detail) {
    }

    /** One message end to end: its runs, its records, the referrals and people it touched, the handoffs it caused. */
    public record MessageView(Message message, List<Message> runs, List<Replay> replays, InboundFile file,
                              List<InboundRecord> records, List<Referral> referrals, List<Handoff> handoffs) {
    }

    private final JdbcClient jdbc;

    public Journal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Newest first; at most {@code query.limit()} entries, messages and handoffs together. */
    public List<Entry> search(JournalQuery query) {
        List<Entry> entries = new ArrayList<>();
        if (query.wantsMessages()) {
            entries.addAll(messages(query));
        }
        if (query.wantsHandoffs()) {
            entries.addAll(handoffs(query));
        }
        entries.sort(Comparator.comparing(Entry::at).reversed());
        return entries.size() > query.limit() ? entries.subList(0, query.limit()) : entries;
    }

    private List<Entry> messages(JournalQuery query) {
        StringBuilder sql = new StringBuilder("""
                select m.id, m.partner_id, m.channel, m.outcome, m.outcome_detail, m.received_at, m.record_key,
                    m.replay_of
                from raw_message m
                """);
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.recordKey() != null) {
            sql.append("""
                    join (select id from raw_message where record_key in (:key, :keyUpper)
                          union select f.raw_message_id from inbound_record r
                              join inbound_file f on f.id = r.inbound_file_id where r.record_key in (:key, :keyUpper)
                          union select v.raw_message_id from referral x
                              join referral_revision v on v.referral_id = x.id where x.record_key in (:key, :keyUpper)) k
                        on k.id = m.id
                    """);
            params.put("key", query.recordKey());
            params.put("keyUpper", query.recordKey().toUpperCase(java.util.Locale.ROOT));
        }
        if (query.referralId() != null) {
            sql.append("""
                    join (select id from raw_message where referral_id = :ref
                          union select raw_message_id from referral_revision where referral_id = :ref
                          union select f.raw_message_id from inbound_record r
                              join inbound_file f on f.id = r.inbound_file_id where r.referral_id = :ref) rf
                        on rf.id = m.id
                    """);
            params.put("ref", query.referralId());
        }
        if (query.beneficiaryId() != null) {
            sql.append("""
                    join (select v.raw_message_id as id from referral x
                              join referral_revision v on v.referral_id = x.id where x.beneficiary_id = :ben
                          union select m2.id from referral x
                              join raw_message m2 on m2.referral_id = x.id where x.beneficiary_id = :ben) b
                        on b.id = m.id
                    """);
            params.put("ben", query.beneficiaryId());
        }
        if (query.handoffId() != null) {
            sql.append("""
                    join (select v.raw_message_id as id from handoff h
                              join referral_revision v on v.referral_id =
                                  (case when h.source_kind = 'REFERRAL' then cast(h.source_id as uuid) end)
                          where h.id = :handoff) hk
                        on hk.id = m.id
                    """);
            params.put("handoff", query.handoffId());
        }
        sql.append("where true\n");
        if (query.partner() != null) {
            sql.append("and m.partner_id = :partner\n");
            params.put("partner", query.partner());
        }
        if (query.status() != null) {
            sql.append("and m.outcome = :status\n");
            params.put("status", query.status());
        }
        if (query.from() != null) {
            sql.append("and m.received_at >= :from\n");
            params.put("from", Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append("and m.received_at < :to\n");
            params.put("to", Timestamp.from(query.to()));
        }
        sql.append("order by m.received_at desc limit :limit");
        params.put("limit", query.limit());
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, row) -> new Entry("MESSAGE", uuid(rs, "id"), rs.getString("partner_id"),
                        rs.getString("channel"), rs.getString("outcome"), rs.getString("outcome_detail"),
                        instant(rs, "received_at"), rs.getString("record_key"), uuid(rs, "replay_of")))
                .list();
    }

    private List<Entry> handoffs(JournalQuery query) {
        StringBuilder sql = new StringBuilder("""
                select h.id, h.recipient_partner_id, h.channel, h.status, h.rule_id, h.created_at
                from handoff h where true
                """);
        Map<String, Object> params = new LinkedHashMap<>();
        if (query.handoffId() != null) {
            sql.append("and h.id = :handoff\n");
            params.put("handoff", query.handoffId());
        }
        if (query.beneficiaryId() != null) {
            sql.append("and h.beneficiary_id = :ben\n");
            params.put("ben", query.beneficiaryId());
        }
        if (query.referralId() != null) {
            sql.append("and h.source_kind = 'REFERRAL' and h.source_id = :ref\n");
            params.put("ref", query.referralId().toString());
        }
        if (query.recordKey() != null) {
            sql.append("and h.source_kind = 'REFERRAL' and h.source_id in "
                    + "(select cast(id as text) from referral where record_key in (:key, :keyUpper))\n");
            params.put("key", query.recordKey());
            params.put("keyUpper", query.recordKey().toUpperCase(java.util.Locale.ROOT));
        }
        if (query.partner() != null) {
            sql.append("and h.recipient_partner_id = :partner\n");
            params.put("partner", query.partner());
        }
        if (query.status() != null) {
            sql.append("and h.status = :status\n");
            params.put("status", query.status());
        }
        if (query.from() != null) {
            sql.append("and h.created_at >= :from\n");
            params.put("from", Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append("and h.created_at < :to\n");
            params.put("to", Timestamp.from(query.to()));
        }
        sql.append("order by h.created_at desc limit :limit");
        params.put("limit", query.limit());
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, row) -> new Entry("HANDOFF", uuid(rs, "id"), rs.getString("recipient_partner_id"),
                        rs.getString("channel"), rs.getString("status"), rs.getString("rule_id"),
                        instant(rs, "created_at"), null, null))
                .list();
    }

    /**
     * Messages waiting for a replay, oldest first: failed single-record messages none of whose replays went through,
     * and files with records the hub failed on (or quarantined) that no replay settled yet.
     */
    public List<Entry> failedMessages(int limit) {
        return jdbc.sql("""
                        select m.id, m.partner_id, m.channel, m.outcome, m.outcome_detail, m.received_at, m.record_key,
                            m.replay_of
                        from raw_message m
                        where\s""" + WAITING_MESSAGES + """
                        union all
                        select m.id, m.partner_id, m.channel, m.outcome, m.outcome_detail, m.received_at, m.record_key,
                            m.replay_of
                        from inbound_file f join raw_message m on m.id = f.raw_message_id
                        where\s""" + WAITING_FILES + """
                        order by received_at limit :limit""")
                .param("limit", limit)
                .query((rs, row) -> new Entry("MESSAGE", uuid(rs, "id"), rs.getString("partner_id"),
                        rs.getString("channel"), rs.getString("outcome"), rs.getString("outcome_detail"),
                        instant(rs, "received_at"), rs.getString("record_key"), uuid(rs, "replay_of")))
                .list();
    }

    /** How many failed messages and parked handoffs wait for an operator. */
    public Waiting waiting() {
        return new Waiting(jdbc.sql("select count(*) from raw_message m where " + WAITING_MESSAGES)
                        .query(Integer.class).single()
                        + jdbc.sql("select count(*) from inbound_file f where " + WAITING_FILES)
                        .query(Integer.class).single(),
                jdbc.sql("select count(*) from handoff where status = 'PARKED'").query(Integer.class).single());
    }

    public record Waiting(int failedMessages, int parkedHandoffs) {
    }

    /** {@code raw_message m}: a failed single-record message none of whose replays went through. */
    private static final String WAITING_MESSAGES = """
            m.outcome = 'FAILED' and m.replay_of is null
                and not exists (select 1 from inbound_file f where f.raw_message_id = m.id)
                and not exists (select 1 from raw_message r where r.replay_of = m.id
                    and r.outcome in ('ACCEPTED', 'UPDATED', 'DUPLICATE'))
            """;

    /** {@code inbound_file f}: a file a replay would help (intake's FileReplay). */
    private static final String WAITING_FILES = "f.id in " + FileReplay.WITH_FAILURES + " and " + FileReplay.REPLAYABLE
            + "\n";

    /** Parked handoffs, oldest first. */
    public List<Entry> parkedHandoffs(int limit) {
        return jdbc.sql("""
                        select id, recipient_partner_id, channel, status, rule_id, created_at from handoff
                        where status = 'PARKED' order by created_at limit :limit""")
                .param("limit", limit)
                .query((rs, row) -> new Entry("HANDOFF", uuid(rs, "id"), rs.getString("recipient_partner_id"),
                        rs.getString("channel"), rs.getString("status"), rs.getString("rule_id"),
                        instant(rs, "created_at"), null, null))
                .list();
    }

    public Optional<MessageView> message(UUID id) {
        Optional<Message> found = jdbc.sql(MESSAGE_SQL + " where id = :id").param("id", id)
                .query(Journal::message).optional();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<Message> runs = jdbc.sql(MESSAGE_SQL + " where replay_of = :id order by received_at").param("id", id)
                .query(Journal::message).list();
        InboundFile file = jdbc.sql("""
                        select id, mapping_id, status, reason_code,
                            -- While a file (or a replay's run) is processed, its progress: the records journaled so far.
                            coalesce(records_total, (select cast(count(*) as integer) from inbound_record r
                                where r.inbound_file_id = inbound_file.id)) as records_total,
                            records_accepted, records_rejected, finished_at
                        from inbound_file where raw_message_id = :id""")
                .param("id", id)
                .query((rs, row) -> new InboundFile(uuid(rs, "id"), rs.getString("mapping_id"), rs.getString("status"),
                        rs.getString("reason_code"), (Integer) rs.getObject("records_total"),
                        (Integer) rs.getObject("records_accepted"), (Integer) rs.getObject("records_rejected"),
                        instant(rs, "finished_at")))
                .optional().orElse(null);
        List<InboundRecord> records = file == null ? List.of() : jdbc.sql("""
                        select position, record_key, outcome, referral_id,
                            (select string_agg(coalesce(e ->> 'field', '') || ' ' || coalesce(e ->> 'code', ''), '|')
                             from jsonb_array_elements(coalesce(errors, '[]'::jsonb)) e) as codes
                        from inbound_record where inbound_file_id = :file order by position""")
                .param("file", file.id())
                .query((rs, row) -> new InboundRecord(rs.getInt("position"), rs.getString("record_key"),
                        rs.getString("outcome"), uuid(rs, "referral_id"), codes(rs.getString("codes"))))
                .list();
        Set<UUID> referralIds = new LinkedHashSet<>(jdbc.sql("""
                        select referral_id from referral_revision where raw_message_id = :id
                        union select referral_id from raw_message where id = :id and referral_id is not null""")
                .param("id", id).query(UUID.class).list());
        records.stream().map(InboundRecord::referralId).filter(java.util.Objects::nonNull).forEach(referralIds::add);
        runs.stream().map(Message::referralId).filter(java.util.Objects::nonNull).forEach(referralIds::add);
        List<Referral> referrals = referralIds.isEmpty() ? List.of() : jdbc.sql("""
                        select id, partner_id, record_key, status, beneficiary_id, created_at
                        from referral where id in (:ids) order by created_at""")
                .param("ids", referralIds)
                .query((rs, row) -> new Referral(uuid(rs, "id"), rs.getString("partner_id"),
                        rs.getString("record_key"), rs.getString("status"), uuid(rs, "beneficiary_id"),
                        instant(rs, "created_at")))
                .list();
        return Optional.of(new MessageView(found.get(), runs, replays("MESSAGE", id), file, records, referrals,
                handoffsOf(referralIds)));
    }

    /** Every replay of a message or handoff, oldest first. */
    public List<Replay> replays(String targetKind, UUID targetId) {
        return jdbc.sql("""
                        select id, target_kind, target_id, job_id, requested_by, requested_at, finished_at, outcome,
                            replay_message_id, detail
                        from replay where target_kind = :kind and target_id = :id order by id""")
                .param("kind", targetKind).param("id", targetId)
                .query((rs, row) -> new Replay(rs.getLong("id"), rs.getString("target_kind"), uuid(rs, "target_id"),
                        uuid(rs, "job_id"), rs.getString("requested_by"), instant(rs, "requested_at"),
                        instant(rs, "finished_at"), rs.getString("outcome"), uuid(rs, "replay_message_id"),
                        rs.getString("detail")))
                .list();
    }

    private List<Handoff> handoffsOf(Set<UUID> referralIds) {
        if (referralIds.isEmpty()) {
            return List.of();
        }
        List<String> sources = referralIds.stream().map(UUID::toString).toList();
        List<UUID> ids = jdbc.sql("""
                        select id from handoff where source_kind = 'REFERRAL' and source_id in (:sources)
                        order by created_at""")
                .param("sources", sources).query(UUID.class).list();
        return handoffs(ids);
    }

    /** Handoffs with every delivery attempt, in the order of {@code ids}. */
    public List<Handoff> handoffs(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<Attempt>> attempts = new LinkedHashMap<>();
        jdbc.sql("""
                        select handoff_id, attempt, at, channel, outcome, error_code, duration_ms
                        from handoff_attempt where handoff_id in (:ids) order by id""")
                .param("ids", ids)
                .query((rs, row) -> {
                    attempts.computeIfAbsent(uuid(rs, "handoff_id"), key -> new ArrayList<>())
                            .add(new Attempt(rs.getInt("attempt"), instant(rs, "at"), rs.getString("channel"),
                                    rs.getString("outcome"), rs.getString("error_code"),
                                    (Integer) rs.getObject("duration_ms")));
                    return null;
                }).list();
        Map<UUID, Handoff> byId = new LinkedHashMap<>();
        jdbc.sql("""
                        select id, rule_id, trigger, channel, recipient_partner_id, recipient_role, status, created_at,
                            delivered_at, acknowledged_at, replays
                        from handoff where id in (:ids)""")
                .param("ids", ids)
                .query((rs, row) -> new Handoff(uuid(rs, "id"), rs.getString("rule_id"), rs.getString("trigger"),
                        rs.getString("channel"), rs.getString("recipient_partner_id"), rs.getString("recipient_role"),
                        rs.getString("status"), instant(rs, "created_at"), instant(rs, "delivered_at"),
                        instant(rs, "acknowledged_at"), rs.getInt("replays"),
                        attempts.getOrDefault(uuid(rs, "id"), List.of())))
                .list().forEach(handoff -> byId.put(handoff.id(), handoff));
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    private static final String MESSAGE_SQL = """
            select id, partner_id, channel, received_at, file_name, content_type, size_bytes, digest_sha256, outcome,
                outcome_detail, processed_at, route_id, mapping_id, record_key, referral_id, replay_of
            from raw_message""";

    private static Message message(ResultSet rs, int row) throws SQLException {
        return new Message(uuid(rs, "id"), rs.getString("partner_id"), rs.getString("channel"),
                instant(rs, "received_at"), rs.getString("file_name"), rs.getString("content_type"),
                rs.getInt("size_bytes"), rs.getString("digest_sha256"), rs.getString("outcome"),
                rs.getString("outcome_detail"), instant(rs, "processed_at"), rs.getString("route_id"),
                rs.getString("mapping_id"), rs.getString("record_key"), uuid(rs, "referral_id"), uuid(rs, "replay_of"));
    }

    private static List<String> codes(String joined) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split("\\|"));
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
