package fr.passerelle.hub.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.hub.api.ListQuery;
import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.security.DataProtector;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.sql.Types;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Inbound files and the fate of each of their records (tables of V2). */
@Component
public class InboundFileStore {

    private static final TypeReference<List<FieldIssue>> ISSUES = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> CELLS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final DataProtector protector;
    private final NamedParameterJdbcTemplate batchJdbc;

    public InboundFileStore(JdbcClient jdbc, ObjectMapper json, DataProtector protector,
                            NamedParameterJdbcTemplate batchJdbc) {
        this.jdbc = jdbc;
        this.batchJdbc = batchJdbc;
        this.json = json;
        this.protector = protector;
    }

    public record InboundFile(UUID id, String partnerId, String channel, String mappingId, String fileName,
                              String digest, UUID rawMessageId, FileStatus status) {
    }

    public record RecordResult(int position, String recordKey, MessageOutcome outcome, UUID referralId,
                               List<FieldIssue> errors, List<FieldIssue> warnings, List<String> cells) {
    }

    public Optional<InboundFile> find(String partnerId, String fileName, String digest) {
        return jdbc.sql("""
                        select * from inbound_file where partner_id = :p and file_name = :f and digest_sha256 = :d
                        """)
                .param("p", partnerId).param("f", fileName).param("d", digest)
                .query((rs, n) -> file(rs)).optional();
    }

    public Optional<InboundFile> find(UUID id) {
        return jdbc.sql("select * from inbound_file where id = :id").param("id", id).query((rs, n) -> file(rs)).optional();
    }

    /** Registers the file; returns empty when the same file (partner, name, digest) is already registered. */
    public Optional<InboundFile> register(String partnerId, String channel, String mappingId, String fileName,
                                          String digest, UUID rawMessageId) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                        insert into inbound_file (id, partner_id, channel, mapping_id, file_name, digest_sha256,
                            raw_message_id, status)
                        values (:id, :p, :c, :m, :f, :d, :raw, 'RECEIVED')
                        on conflict (partner_id, file_name, digest_sha256) do nothing
                        """)
                .param("id", id).param("p", partnerId).param("c", channel).param("m", mappingId)
                .param("f", fileName).param("d", digest).param("raw", rawMessageId)
                .update();
        return inserted == 0 ? Optional.empty()
                : Optional.of(new InboundFile(id, partnerId, channel, mappingId, fileName, digest, rawMessageId, FileStatus.RECEIVED));
    }

    public List<InboundFile> unfinished() {
        return jdbc.sql("select * from inbound_file where status in ('RECEIVED', 'PROCESSING') order by received_at")
                .query((rs, n) -> file(rs)).list();
    }

    public void markProcessing(UUID id) {
        jdbc.sql("update inbound_file set status = 'PROCESSING', last_failure_code = null where id = :id")
                .param("id", id).update();
    }

    /** The failure code an attempt at the file ended with (the JVM dying leaves none). */
    public void recordFailure(UUID id, String failureCode) {
        jdbc.sql("update inbound_file set last_failure_code = :c where id = :id")
                .param("c", failureCode).param("id", id).update();
    }

    /** The attempt ended in a way that says nothing about the file: the next stop is not compared with this one. */
    public void forgetStop(UUID id) {
        jdbc.sql("update inbound_file set last_failure_code = null, resume_stop_position = null where id = :id")
                .param("id", id).update();
    }

    /**
     * How the last attempt at an unfinished file stopped: records journaled by then and the failure code it ended
     * with; {@code sameAsPreviousResume} when it was a resume that stopped exactly where and how the resume before it
     * did, i.e. two resumes in a row made no progress.
     */
    public record Stop(int resumes, int position, String failureCode, boolean sameAsPreviousResume) {
    }

    public Stop lastStop(UUID id) {
        return jdbc.sql("""
                        select f.resume_attempts, f.resume_stop_position, f.resume_stop_failure, f.last_failure_code,
                            (select count(*) from inbound_record r where r.inbound_file_id = f.id) as position
                        from inbound_file f where f.id = :id""")
                .param("id", id)
                .query((rs, n) -> {
                    int resumes = rs.getInt("resume_attempts");
                    int position = rs.getInt("position");
                    String failure = rs.getString("last_failure_code");
                    Integer previousPosition = (Integer) rs.getObject("resume_stop_position");
                    boolean same = resumes >= 2 && previousPosition != null && previousPosition == position
                            && Objects.equals(failure, rs.getString("resume_stop_failure"));
                    return new Stop(resumes, position, failure, same);
                })
                .single();
    }

    /** A resume begins: counted, with how the attempt before it stopped, to compare with how this one stops. */
    public void markResumed(UUID id, Stop stop) {
        jdbc.sql("""
                        update inbound_file set resume_attempts = resume_attempts + 1, resume_stop_position = :pos,
                            resume_stop_failure = :failure
                        where id = :id""")
                .param("pos", stop.position()).param("failure", stop.failureCode()).param("id", id).update();
    }

    /** Quarantined: never resumed again; the records journaled so far are kept and counted. */
    public void quarantine(UUID id, String reasonCode, String reason) {
        jdbc.sql("""
                        update inbound_file set status = 'QUARANTINED', reason_code = :rc, reason = :r,
                            records_total = (select count(*) from inbound_record r where r.inbound_file_id = :id),
                            records_accepted = (select count(*) from inbound_record r where r.inbound_file_id = :id
                                and r.outcome = 'ACCEPTED'),
                            records_rejected = (select count(*) from inbound_record r where r.inbound_file_id = :id
                                and r.outcome = 'REJECTED'),
                            finished_at = now()
                        where id = :id""")
                .param("rc", reasonCode).param("r", reason).param("id", id).update();
    }

    /**
     * SQL condition on an {@code inbound_record} aliased {@code r}: the hub failed on the record (a transient failure
     * that outlasted its tries, an internal error), as opposed to the partner's data. Such a row is journaled REJECTED
     * with the failure's code, reported to the partner as such, and left for a replay of its file.
     */
    public static final String HUB_FAILED = """
            (r.outcome = 'REJECTED' and (r.errors @> '[{"code": "INDISPONIBLE"}]'
                or r.errors @> '[{"code": "ERREUR_INTERNE"}]'))""";
    // Kept equal to the predicate of the partial index inbound_record_hub_failed (V34), which serves it.

    /**
     * The positions not to process (again): the file's own journaled records and, for the replay of a file, every
     * record the original or an earlier replay settled (accepted, or rejected for the partner's data).
     */
    public List<Integer> processedPositions(UUID fileId) {
        return jdbc.sql("""
                        select position from inbound_record where inbound_file_id = :id
                        union
                        select r.position from inbound_record r
                            join inbound_file family on family.id = r.inbound_file_id
                            join inbound_file run on run.id = :id and run.replay_of is not null
                        where (family.id = run.replay_of or family.replay_of = run.replay_of) and not""" + HUB_FAILED)
                .param("id", fileId).query(Integer.class).list();
    }

    /**
     * A new run of a file, to replay it: a file of its own named after the original's run number
     * ({@code name#rejeu-2.csv}: its reject report never replaces the original's), same partner, mapping and digest,
     * read from {@code rawMessageId} (a replay copy of the original's raw message). Empty when a run of the original
     * is unfinished: one at a time (unique index), across instances.
     */
    public Optional<InboundFile> registerReplay(UUID originalId, UUID rawMessageId) {
        InboundFile original = find(originalId).orElseThrow();
        int run = 1 + jdbc.sql("select count(*) from inbound_file where replay_of = :id").param("id", originalId)
                .query(Integer.class).single();
        String name = original.fileName();
        int dot = name.lastIndexOf('.');
        String runName = dot > 0 ? name.substring(0, dot) + "#rejeu-" + run + name.substring(dot) : name + "#rejeu-" + run;
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                        insert into inbound_file (id, partner_id, channel, mapping_id, file_name, digest_sha256,
                            raw_message_id, status, replay_of)
                        values (:id, :p, :c, :m, :f, :d, :raw, 'RECEIVED', :original)
                        on conflict do nothing
                        """)
                .param("id", id).param("p", original.partnerId()).param("c", original.channel())
                .param("m", original.mappingId()).param("f", runName).param("d", original.digest())
                .param("raw", rawMessageId).param("original", originalId)
                .update();
        return inserted == 0 ? Optional.empty()
                : Optional.of(new InboundFile(id, original.partnerId(), original.channel(), original.mappingId(),
                runName, original.digest(), rawMessageId, FileStatus.RECEIVED));
    }

    public void recordResult(UUID fileId, RecordResult result) {
        jdbc.sql("""
                        insert into inbound_record (inbound_file_id, position, record_key, outcome, referral_id, errors,
                            warnings, cells_sealed)
                        values (:f, :pos, :key, :outcome, :referral, cast(:errors as jsonb), cast(:warnings as jsonb), :cells)
                        on conflict (inbound_file_id, position) do nothing
                        """)
                .param("f", fileId).param("pos", result.position()).param("key", result.recordKey())
                .param("outcome", result.outcome().name()).param("referral", result.referralId())
                .param("errors", write(result.errors())).param("warnings", write(result.warnings()))
                .param("cells", result.cells().isEmpty() ? null : protector.sealText(write(result.cells())))
                .update();
    }

    /** The results of a chunk of records, in one batch (one round trip). */
    public void recordResults(UUID fileId, List<RecordResult> results) {
        if (results.isEmpty()) {
            return;
        }
        MapSqlParameterSource[] batch = results.stream().map(result -> new MapSqlParameterSource()
                        .addValue("f", fileId).addValue("pos", result.position()).addValue("key", result.recordKey())
                        .addValue("outcome", result.outcome().name()).addValue("referral", result.referralId())
                        .addValue("errors", write(result.errors())).addValue("warnings", write(result.warnings()))
                        .addValue("cells", result.cells().isEmpty() ? null : protector.sealText(write(result.cells())),
                                Types.BINARY))
                .toArray(MapSqlParameterSource[]::new);
        batchJdbc.batchUpdate("""
                insert into inbound_record (inbound_file_id, position, record_key, outcome, referral_id, errors,
                    warnings, cells_sealed)
                values (:f, :pos, :key, :outcome, :referral, cast(:errors as jsonb), cast(:warnings as jsonb), :cells)
                on conflict (inbound_file_id, position) do nothing
                """, batch);
    }

    public List<RecordResult> results(UUID fileId) {
        return jdbc.sql("select * from inbound_record where inbound_file_id = :id order by position")
                .param("id", fileId)
                .query((rs, n) -> new RecordResult(rs.getInt("position"), rs.getString("record_key"),
                        MessageOutcome.valueOf(rs.getString("outcome")), rs.getObject("referral_id", UUID.class),
                        read(rs.getString("errors"), ISSUES), read(rs.getString("warnings"), ISSUES),
                        rs.getBytes("cells_sealed") == null ? List.of()
                                : read(protector.openText(rs.getBytes("cells_sealed")), CELLS)))
                .list();
    }

    public void finish(UUID id, FileStatus status, String reasonCode, String reason, int total, int accepted, int rejected,
                       String reportName, byte[] report) {
        jdbc.sql("""
                        update inbound_file set status = :s, reason_code = :rc, reason = :r, records_total = :t,
                            records_accepted = :a, records_rejected = :j, report_name = :rn, report_sealed = :rep,
                            finished_at = now()
                        where id = :id
                        """)
                .param("s", status.name()).param("rc", reasonCode).param("r", reason).param("t", total).param("a", accepted)
                .param("j", rejected).param("rn", reportName)
                .param("rep", report == null ? null : protector.seal(report)).param("id", id)
                .update();
    }

    /** What a partner reads about one of its files (SPEC §3: the reject report is exposed over the API). */
    public record FileSummary(UUID id, String fileName, String channel, FileStatus status, String reasonCode, String reason,
                              Integer total, Integer accepted, Integer rejected, String reportName,
                              java.time.Instant receivedAt, java.time.Instant finishedAt) {
    }

    /** A partner's files, newest first (received, then id), optionally of one status and received since a time. */
    public List<FileSummary> recentForPartner(String partnerId, FileStatus status, ListQuery query) {
        StringBuilder sql = new StringBuilder("select * from inbound_file where partner_id = :p");
        Map<String, Object> params = new HashMap<>(Map.of("p", partnerId, "limit", query.limit()));
        if (status != null) {
            sql.append(" and status = :status");
            params.put("status", status.name());
        }
        if (query.since() != null) {
            sql.append(" and received_at >= :since");
            params.put("since", OffsetDateTime.ofInstant(query.since(), ZoneOffset.UTC));
        }
        if (query.hasCursor()) {
            sql.append(" and (received_at, id) < (:afterAt, :afterId)");
            params.put("afterAt", OffsetDateTime.ofInstant(query.afterAt(), ZoneOffset.UTC));
            params.put("afterId", query.afterId());
        }
        sql.append(" order by received_at desc, id desc limit :limit");
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> summary(rs)).list();
    }

    public Optional<FileSummary> summaryForPartner(UUID id, String partnerId) {
        return jdbc.sql("select * from inbound_file where id = :id and partner_id = :p")
                .param("id", id).param("p", partnerId).query((rs, n) -> summary(rs)).optional();
    }

    /** The reject report of one of the partner's files, unsealed; empty when there is none or it is not theirs. */
    public Optional<byte[]> reportForPartner(UUID id, String partnerId) {
        return jdbc.sql("select report_sealed from inbound_file where id = :id and partner_id = :p and report_sealed is not null")
                .param("id", id).param("p", partnerId).query(byte[].class).optional().map(protector::open);
    }

    /**
     * When the reject report of one of the partner's files was emptied by retention, with how long it had been kept
     * ({@link IntakeRetention#pruneReports}); empty when it was never pruned or the file is not theirs.
     */
    public Optional<PrunedReport> reportPrunedForPartner(UUID id, String partnerId) {
        return jdbc.sql("""
                        select report_pruned_at, finished_at from inbound_file
                        where id = :id and partner_id = :p and report_pruned_at is not null""")
                .param("id", id).param("p", partnerId)
                .query((rs, n) -> {
                    java.time.Instant pruned = rs.getTimestamp("report_pruned_at").toInstant();
                    java.time.Instant finished = rs.getTimestamp("finished_at") == null ? pruned
                            : rs.getTimestamp("finished_at").toInstant();
                    return new PrunedReport(pruned, java.time.Duration.between(finished, pruned).toDays());
                })
                .optional();
    }

    /** A reject report emptied by retention: when, and after how many days kept. */
    public record PrunedReport(java.time.Instant prunedAt, long keptDays) {
    }

    private static FileSummary summary(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new FileSummary(rs.getObject("id", UUID.class), rs.getString("file_name"), rs.getString("channel"),
                FileStatus.valueOf(rs.getString("status")), rs.getString("reason_code"), rs.getString("reason"),
                (Integer) rs.getObject("records_total"), (Integer) rs.getObject("records_accepted"),
                (Integer) rs.getObject("records_rejected"), rs.getString("report_name"),
                rs.getTimestamp("received_at").toInstant(),
                rs.getTimestamp("finished_at") == null ? null : rs.getTimestamp("finished_at").toInstant());
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value == null ? List.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text == null ? "[]" : text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InboundFile file(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new InboundFile(rs.getObject("id", UUID.class), rs.getString("partner_id"), rs.getString("channel"),
                rs.getString("mapping_id"), rs.getString("file_name"), rs.getString("digest_sha256"),
                rs.getObject("raw_message_id", UUID.class), FileStatus.valueOf(rs.getString("status")));
    }
}
