package fr.passerelle.hub.retention;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.ML_VAL_ORGE_KEY;
import static fr.passerelle.hub.testsupport.PartnerSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.passerelle.hub.intake.IntakeSource;
import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.intake.PayloadOutcome;
import fr.passerelle.hub.partner.PartnerFolders;
import fr.passerelle.hub.security.Digests;
import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import fr.passerelle.hub.testsupport.PublishedContract;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The retention tiers really free rows' bytes and files, and keep what is recent, still failed or parked, still open,
 * or a referral's provenance. Rows are aged with SQL, then one tick runs ({@link Retention#run}).
 */
class RetentionIT extends HubIntegrationTest {

    @Autowired
    Retention retention;
    @Autowired
    PartnerFolders folders;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PayloadIntake payloads;
    @Autowired
    MeterRegistry meters;

    @Test
    void prunesOldPayloadBodiesAndPartnerFilesButKeepsRecentOnesAndAFailedMessage() throws IOException {
        UUID old = received(AileReferral.newPerson().json());
        UUID failed = received(AileReferral.newPerson().json());
        UUID recent = received(AileReferral.newPerson().json());
        int oldSize = bodyBytes(old);
        jdbc.sql("""
                        update raw_message set received_at = now() - interval '400 days',
                            processed_at = now() - interval '400 days' where id in (:ids)""")
                .param("ids", List.of(old, failed)).update();
        jdbc.sql("update raw_message set outcome = 'FAILED' where id = :id").param("id", failed).update();
        Path oldArchive = file(folders.archive("aile", true), Duration.ofDays(400));
        Path oldOutbox = file(folders.outbox("aile"), Duration.ofDays(400));
        Path recentArchive = file(folders.archive("aile", false), Duration.ZERO);

        retention.run();

        assertThat(oldSize).isPositive();
        assertThat(bodyBytes(old)).isZero();
        assertThat(jdbc.sql("select payload_pruned_at is not null and size_bytes > 0 and digest_sha256 <> '' from raw_message where id = :id")
                .param("id", old).query(Boolean.class).single()).as("metadata kept").isTrue();
        assertThat(bodyBytes(failed)).as("failed: kept until resolved").isPositive();
        assertThat(bodyBytes(recent)).isPositive();
        assertThat(oldArchive).doesNotExist();
        assertThat(oldOutbox).doesNotExist();
        assertThat(recentArchive).exists();

        HttpResponse<String> page = getAsOperator("/console/retention");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-partner=\"aile\"");
        assertThat(retention.oldestPayloadKept().get("aile")).isBefore(Instant.now().minus(Duration.ofDays(399)));
    }

    @Test
    void emptiesAnOldRejectReportAnswering410ThenDeletesTheFileWithItsRecordsAndMessage() {
        String name = "export-imilo-retention-" + System.nanoTime() + ".csv";
        PayloadOutcome outcome = payloads.receive(new IntakeSource("ml-val-orge", "SFTP_PUSH", "retention-test",
                "ml-val-orge/imilo-export.v1"), name, onlyRejectedRows());
        assertThat(outcome.accepted()).isZero();
        assertThat(outcome.rejected()).isEqualTo(2);
        UUID file = outcome.inboundFileId();
        String report = "/api/v1/files/" + file + "/reject-report";
        assertThat(get(report, ML_VAL_ORGE_KEY).statusCode()).isEqualTo(200);
        int reportBytes = jdbc.sql("select octet_length(report_sealed) from inbound_file where id = :id")
                .param("id", file).query(Integer.class).single();
        jdbc.sql("update inbound_file set finished_at = now() - interval '40 days' where id = :id").param("id", file)
                .update();

        retention.run();

        assertThat(reportBytes).isPositive();
        assertThat(jdbc.sql("""
                        select coalesce(octet_length(report_sealed), 0) from inbound_file
                        where id = :id and report_pruned_at is not null and report_name is not null""")
                .param("id", file).query(Integer.class).single()).as("report emptied, its name kept").isZero();
        HttpResponse<String> gone = get(report, ML_VAL_ORGE_KEY);
        assertThat(gone.statusCode()).as(gone.body()).isEqualTo(410);
        assertThat(gone.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Json.read(gone.body());
        assertThat(problem.get("code").asText()).isEqualTo("RAPPORT_SUPPRIME");
        assertThat(problem.get("detail").asText()).contains("après 40 jours de conservation");
        assertThat(PublishedContract.violations("/components/schemas/Problem", problem)).isEmpty();
        assertThat(get(report, AILE_KEY).statusCode()).as("another partner's file: still 404").isEqualTo(404);

        UUID message = jdbc.sql("select raw_message_id from inbound_file where id = :id").param("id", file)
                .query(UUID.class).single();
        String fileRows = """
                select (select count(*) from raw_message where id = :m) + (select count(*) from inbound_file where id = :f)
                    + (select count(*) from inbound_record where inbound_file_id = :f)""";
        assertThat(jdbc.sql(fileRows).param("m", message).param("f", file).query(Long.class).single())
                .as("message, file and its 2 records").isEqualTo(4);
        jdbc.sql("update raw_message set received_at = now() - interval '500 days' where id = :id").param("id", message)
                .update();

        retention.run();

        assertThat(jdbc.sql(fileRows).param("m", message).param("f", file).query(Long.class).single()).isZero();
        assertThat(get("/api/v1/files/" + file, ML_VAL_ORGE_KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void emptiesTheOldPayloadsOfFinishedHandoffsAndDeletesTheirAttemptsButKeepsAParkedOneAndRecentOnes() {
        UUID acknowledged = referralAcceptedHandoff();
        UUID parked = referralAcceptedHandoff();
        UUID recent = referralAcceptedHandoff();
        UUID pulled = referralAcceptedHandoff();
        assertThat(Set.of(acknowledged, parked, recent, pulled)).as("four people, four handoffs").hasSize(4);
        assertThat(acknowledge(acknowledged.toString(), AILE_KEY).statusCode()).isEqualTo(200);
        assertThat(acknowledge(recent.toString(), AILE_KEY).statusCode()).isEqualTo(200);
        jdbc.sql("""
                        update handoff set created_at = now() - interval '500 days',
                            delivered_at = now() - interval '500 days', acknowledged_at = now() - interval '500 days'
                        where id = :id""").param("id", acknowledged).update();
        jdbc.sql("""
                        update handoff set status = 'PARKED', created_at = now() - interval '500 days',
                            parked_at = now() - interval '500 days', next_attempt_at = null where id = :id""")
                .param("id", parked).update();
        // Reminded and escalated long ago, as such a handoff would be: the watch (every 100 ms here) leaves it alone.
        jdbc.sql("""
                        insert into handoff_followup (handoff_id, kind, at, due_at)
                        values (:id, 'REMINDER', now() - interval '495 days', now() - interval '495 days'),
                               (:id, 'ESCALATION', now() - interval '490 days', now() - interval '490 days')""")
                .param("id", pulled).update();
        jdbc.sql("""
                        update handoff set status = 'DELIVERED', attempts = 1, created_at = now() - interval '500 days',
                            delivered_at = now() - interval '500 days', next_attempt_at = null where id = :id""")
                .param("id", pulled).update();
        for (UUID handoff : List.of(acknowledged, parked, recent, pulled)) {
            jdbc.sql("""
                            insert into handoff_attempt (handoff_id, attempt, at, channel, outcome)
                            values (:id, 1, now() - interval '500 days', 'PULL_API', 'PULLED')""")
                    .param("id", handoff).update();
        }
        Map<UUID, Integer> payloadBefore = payloadBytes(List.of(acknowledged, parked, recent, pulled));
        assertThat(payload(acknowledged)).as("the person, as AILE referred them").contains("Retention-", "birthDate");
        double counted = pruned("handoff-payload");
        long parkedAttempts = attempts(parked);

        retention.run();

        Map<UUID, Integer> payloadAfter = payloadBytes(List.of(acknowledged, parked, recent, pulled));
        assertThat(payloadAfter.get(acknowledged)).as("pruned payload")
                .isLessThan(payloadBefore.get(acknowledged) / 2);
        String minimal = payload(acknowledged);
        assertThat(minimal).contains("\"payloadPruned\": true", acknowledged.toString())
                .doesNotContain("beneficiary", "Retention-", "Joëlle", "birthDate", "email", "phones");
        assertThat(PublishedContract.violations("/components/schemas/HandoffPayload", Json.read(minimal)))
                .as("what the pull API still answers for it").isEmpty();
        assertThat(payloadAfter.get(pulled)).as("pulled, never acknowledged").isLessThan(payloadBefore.get(pulled) / 2);
        assertThat(attempts(pulled)).isZero();
        assertThat(payload(parked)).as("parked: kept until resolved").contains("\"beneficiary\"");
        assertThat(payloadAfter.get(parked)).isEqualTo(payloadBefore.get(parked));
        assertThat(payloadAfter.get(recent)).isEqualTo(payloadBefore.get(recent));
        assertThat(attempts(acknowledged)).as("finished: attempts deleted").isZero();
        assertThat(attempts(parked)).as("parked: attempts kept").isEqualTo(parkedAttempts).isPositive();
        assertThat(attempts(recent)).as("recent: attempts kept").isPositive();
        assertThat(jdbc.sql("select status from handoff where id = :id").param("id", acknowledged)
                .query(String.class).single()).as("the handoff itself stays").isEqualTo("ACKNOWLEDGED");
        assertThat(pruned("handoff-payload")).isGreaterThanOrEqualTo(counted + 2);
    }

    @Test
    void deletesOldJournalMetadataButKeepsProvenanceUnresolvedFailuresAndWhatIsStillOpen() {
        UUID rejected = rejectedMessage();
        AileReferral twice = person();
        UUID provenance = received(twice.json());
        UUID duplicate = postedAgain(twice.json());
        UUID failed = rejectedMessage();
        UUID resolved = rejectedMessage();
        UUID successfulRun = received(person().json());
        jdbc.sql("update raw_message set outcome = 'FAILED' where id in (:ids)").param("ids", List.of(failed, resolved))
                .update();
        jdbc.sql("update raw_message set replay_of = :of where id = :id").param("of", resolved).param("id", successfulRun)
                .update();
        List<UUID> messages = List.of(rejected, provenance, duplicate, failed, resolved, successfulRun);
        jdbc.sql("""
                        update raw_message set received_at = now() - interval '500 days',
                            processed_at = now() - interval '500 days' where id in (:ids)""")
                .param("ids", messages).update();
        UUID hubFailedFile = rejectedFile("hub-failed");
        jdbc.sql("""
                        update inbound_record set outcome = 'REJECTED', errors = '[{"code": "INDISPONIBLE"}]'
                        where inbound_file_id = :id and position = (select min(position) from inbound_record
                                                                    where inbound_file_id = :id)""")
                .param("id", hubFailedFile).update();
        UUID replayedFile = rejectedFile("replayed");
        UUID replayRunFile = rejectedFile("replay-run");
        jdbc.sql("update inbound_file set replay_of = :of where id = :id").param("of", replayedFile)
                .param("id", replayRunFile).update();
        UUID rejectedOnlyFile = rejectedFile("rejected-only");
        List<UUID> files = List.of(hubFailedFile, replayedFile, replayRunFile, rejectedOnlyFile);
        jdbc.sql("""
                        update raw_message set received_at = now() - interval '500 days'
                        where id in (select raw_message_id from inbound_file where id in (:ids))""")
                .param("ids", files).update();
        UUID doneJob = replayJob("DONE", resolved);
        UUID runningJob = replayJob("RUNNING", failed);
        UUID resolvedAlert = alert(true);
        UUID openAlert = alert(false);
        long[] before = rowsAndBytes(messages);

        retention.run();

        assertThat(present(messages)).as("only what no referral revision references, and not an unresolved failure")
                .containsExactlyInAnyOrder(provenance, failed, successfulRun);
        long[] after = rowsAndBytes(messages);
        assertThat(before[0]).isEqualTo(6);
        assertThat(after[0]).isEqualTo(3);
        assertThat(after[1]).as("bytes of the deleted rows").isLessThan(before[1]);
        assertThat(jdbc.sql("select replay_of is null from raw_message where id = :id").param("id", successfulRun)
                .query(Boolean.class).single()).as("the run no longer points at the deleted failure").isTrue();
        assertThat(jdbc.sql("select id from inbound_file where id in (:ids)").param("ids", files).query(UUID.class).list())
                .as("a file the hub failed on, a replayed file and its run: kept; a file only rejected: deleted")
                .containsExactlyInAnyOrder(hubFailedFile, replayedFile, replayRunFile);
        assertThat(count("select count(*) from replay_job where id = :id", doneJob)).isZero();
        assertThat(count("select count(*) from replay_job_item where job_id = :id", doneJob)).isZero();
        assertThat(count("select count(*) from replay where job_id = :id", doneJob)).isZero();
        assertThat(count("select count(*) from replay_job where id = :id", runningJob)).isEqualTo(1);
        assertThat(count("select count(*) from replay_job_item where job_id = :id", runningJob)).isEqualTo(1);
        assertThat(count("select count(*) from alert where id = :id", resolvedAlert)).isZero();
        assertThat(count("select count(*) from alert_notification where alert_id = :id", resolvedAlert)).isZero();
        assertThat(count("select count(*) from alert where id = :id", openAlert)).isEqualTo(1);
        assertThat(count("select count(*) from alert_notification where alert_id = :id", openAlert)).isEqualTo(1);

        HttpResponse<String> page = getAsOperator("/console/retention");
        assertThat(page.body()).contains("Contenu des transferts terminés", "Métadonnées du journal : 400 jours");
    }

    private static byte[] onlyRejectedRows() {
        List<String> lines = new String(sample("ml-val-orge/invalid/row-3-birth-date-31-02-row-5-no-last-name.csv"),
                StandardCharsets.ISO_8859_1).lines().toList();
        // The header, then rows 3 (born on 31/02) and 5 (no last name): every row rejected, no referral.
        return String.join("\r\n", lines.get(0), lines.get(3), lines.get(5)).concat("\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A person of this test's own, whom identity matching attaches to nobody else. */
    private static AileReferral person() {
        return AileReferral.newPerson().firstName("Joëlle")
                .lastName("Retention-" + UUID.randomUUID().toString().substring(0, 8))
                .birthDate(LocalDate.now().minusYears(30).minusDays(ThreadLocalRandom.current().nextInt(3650)))
                .email("joelle." + UUID.randomUUID() + "@example.org")
                .phone("06" + (10_000_000 + ThreadLocalRandom.current().nextInt(90_000_000)));
    }

    /** The handoff telling AILE its referral was accepted: waiting for AILE to pull it (no dispatcher involved). */
    /** A file of ml-val-orge's whose every row was rejected (no referral references it): its inbound_file id. */
    private UUID rejectedFile(String what) {
        PayloadOutcome outcome = payloads.receive(new IntakeSource("ml-val-orge", "SFTP_PUSH", "retention-test",
                "ml-val-orge/imilo-export.v1"), "export-imilo-" + what + "-" + System.nanoTime() + ".csv",
                onlyRejectedRows());
        assertThat(outcome.accepted()).isZero();
        return outcome.inboundFileId();
    }

    private UUID referralAcceptedHandoff() {
        String beneficiary = referNewPersonAsAile(person());
        return UUID.fromString(handoffsOf(beneficiary).withRule("referral-accepted").get("handoffId").asText());
    }

    private Map<UUID, Integer> payloadBytes(List<UUID> handoffs) {
        Map<UUID, Integer> bytes = new HashMap<>();
        jdbc.sql("select id, pg_column_size(payload) as bytes from handoff where id in (:ids)").param("ids", handoffs)
                .query((rs, n) -> bytes.put(rs.getObject("id", UUID.class), rs.getInt("bytes"))).list();
        return bytes;
    }

    private String payload(UUID handoff) {
        return jdbc.sql("select payload::text from handoff where id = :id").param("id", handoff).query(String.class)
                .single();
    }

    private long attempts(UUID handoff) {
        return count("select count(*) from handoff_attempt where handoff_id = :id", handoff);
    }

    private long count(String sql, UUID id) {
        return jdbc.sql(sql).param("id", id).query(Long.class).single();
    }

    private double pruned(String kind) {
        return meters.counter("passerelle.retention.pruned", "kind", kind, "route", "retention-prune").count();
    }

    private UUID rejectedMessage() {
        ObjectNode referral = (ObjectNode) Json.read(sample("aile/invalid/missing-birthDate.json"));
        referral.put("reference", "AILE-TEST-" + UUID.randomUUID());
        byte[] body = Json.bytes(referral);
        HttpResponse<String> answer = postJson("/api/v1/referrals", AILE_KEY, body);
        assertThat(answer.statusCode()).as(answer.body()).isBetween(400, 499);
        return jdbc.sql("select id from raw_message where partner_id = 'aile' and digest_sha256 = :d and outcome = 'REJECTED'")
                .param("d", Digests.sha256(body)).query(UUID.class).single();
    }

    private UUID postedAgain(byte[] body) {
        HttpResponse<String> answer = postJson("/api/v1/referrals", AILE_KEY, body);
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
        return jdbc.sql("select id from raw_message where partner_id = 'aile' and digest_sha256 = :d and outcome = 'DUPLICATE'")
                .param("d", Digests.sha256(body)).query(UUID.class).single();
    }

    /** A batch replay job finished (or not) 500 days ago, with one item and its replay of {@code target}. */
    private UUID replayJob(String state, UUID target) {
        UUID job = UUID.randomUUID();
        jdbc.sql("""
                        insert into replay_job (id, target_kind, filter, state, total, done, created_by, created_at,
                            updated_at, finished_at)
                        values (:id, 'MESSAGE', 'outcome=FAILED', :state, 1, 1, 'operator', now() - interval '500 days',
                            now() - interval '500 days', case when :state = 'DONE' then now() - interval '500 days' end)""")
                .param("id", job).param("state", state).update();
        Long replay = jdbc.sql("""
                        insert into replay (target_kind, target_id, job_id, requested_by, requested_at, finished_at, outcome)
                        values ('MESSAGE', :target, :job, 'operator', now() - interval '500 days',
                            now() - interval '500 days', 'FAILED') returning id""")
                .param("target", target).param("job", job).query(Long.class).single();
        jdbc.sql("""
                        insert into replay_job_item (job_id, position, target_id, replay_id, outcome)
                        values (:job, 0, :target, :replay, 'FAILED')""")
                .param("job", job).param("target", target).param("replay", replay).update();
        return job;
    }

    /** An alert opened 500 days ago, resolved then or still open, with one notification sent. */
    private UUID alert(boolean resolved) {
        UUID alert = UUID.randomUUID();
        jdbc.sql("""
                        insert into alert (id, kind, subject, detail, opened_at, last_seen_at, resolved_at)
                        values (:id, 'RETENTION_TEST', :subject, 'test', now() - interval '500 days',
                            now() - interval '500 days', case when :resolved then now() - interval '500 days' end)""")
                .param("id", alert).param("subject", alert.toString()).param("resolved", resolved).update();
        jdbc.sql("""
                        insert into alert_notification (alert_id, transition, channel, recipient, status, created_at, sent_at)
                        values (:id, 'OPENED', 'EMAIL', 'ops@passerelle.example.org', 'SENT', now() - interval '500 days',
                            now() - interval '500 days')""")
                .param("id", alert).update();
        return alert;
    }

    private List<UUID> present(List<UUID> messages) {
        return jdbc.sql("select id from raw_message where id in (:ids)").param("ids", messages).query(UUID.class).list();
    }

    /** How many of these messages remain, and the bytes of their rows (payload included). */
    private long[] rowsAndBytes(List<UUID> messages) {
        return jdbc.sql("select count(*), coalesce(sum(pg_column_size(m.*)), 0) from raw_message m where id in (:ids)")
                .param("ids", messages).query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)}).single();
    }

    private UUID received(byte[] body) {
        HttpResponse<String> answer = postJson("/api/v1/referrals", AILE_KEY, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return jdbc.sql("select id from raw_message where partner_id = 'aile' and digest_sha256 = :d")
                .param("d", Digests.sha256(body)).query(UUID.class).single();
    }

    private int bodyBytes(UUID id) {
        return jdbc.sql("select octet_length(payload_sealed) from raw_message where id = :id").param("id", id)
                .query(Integer.class).single();
    }

    private static Path file(Path folder, Duration age) throws IOException {
        Path file = folder.resolve("retention-" + UUID.randomUUID() + ".csv");
        Files.writeString(file, "ligne;motif\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }
}
