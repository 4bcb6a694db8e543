package fr.passerelle.hub.journal;

import static fr.passerelle.hub.testsupport.DemoCredentials.OPERATOR;
import static fr.passerelle.hub.testsupport.DemoCredentials.OPERATOR_PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.testsupport.ConsoleSession;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import fr.passerelle.hub.testsupport.PartnerDialects;
import fr.passerelle.hub.testsupport.PartnerSftpClient;
import fr.passerelle.hub.testsupport.SyntheticReferral;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A partner file pushed over SFTP in which the hub failed on one record (PostgreSQL refusing that referral with a
 * serialization failure through all its tries), replayed from the console by an operator: the failed record is
 * accepted by a run linked to the original, the records already settled are neither doubled nor reported again, and
 * a second replay while the first runs is refused.
 */
class FileReplayIT extends HubIntegrationTest {

    private static final Duration PROCESSING = Duration.ofSeconds(60);
    private static final String PARTNER = "ml-val-orge";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    @Autowired
    PayloadIntake intake;
    @Value("${local.sftp.port}")
    int sftpPort;

    private final ConsoleSession console = new ConsoleSession(this::uri);

    @Test
    void aFileRecordTheHubFailedOnIsReplayedFromTheConsoleOnceWithoutDoublingTheOthers() throws Exception {
        String base = String.valueOf(ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));
        String accepted = base + "1";
        String failing = base + "2";
        String alsoAccepted = base + "3";
        String partnerError = base + "4";
        String fileName = "export-imilo-rejeu-" + base + ".csv";
        byte[] file = PartnerDialects.missionLocaleCsv(List.of(person(accepted, 1), person(failing, 2),
                person(alsoAccepted, 3), withoutLastName(person(partnerError, 4))));

        try (var failingReferral = FailingReferrals.whileStoring(jdbc, failing);
             PartnerSftpClient ml = PartnerSftpClient.asPartner(sftpPort, PARTNER)) {
            ml.put("/inbox/" + fileName, file);
            await().atMost(PROCESSING).until(() -> "DONE".equals(fileStatus(fileName)));
        }
        Map<String, Object> original = jdbc.sql("""
                        select id, raw_message_id, report_name from inbound_file
                        where partner_id = :p and file_name = :f""")
                .param("p", PARTNER).param("f", fileName).query().singleRow();
        String originalReport = (String) original.get("report_name");
        assertThat(originalReport).as("the rejected and failed rows are reported").isNotNull();
        assertThat(recordOutcomes(original.get("id"))).containsExactly("ACCEPTED", "REJECTED INDISPONIBLE",
                "ACCEPTED", "REJECTED");

        JsonNode found = journal("kind=MESSAGE&recordKey=" + failing);
        assertThat(found).hasSize(1);
        String message = found.get(0).get("id").asText();
        assertThat(message).isEqualTo(original.get("raw_message_id").toString());

        int replayableBefore = replayableMessages();
        assertThat(replayableBefore).as("the file is in a batch replay's count").isPositive();

        console.logIn(OPERATOR, OPERATOR_PASSWORD);
        String page = console.browse("/console/journal/messages/" + message).body();
        assertThat(page).contains("id=\"replay-message\"");
        String job;
        try (var held = HeldReferrals.whileStoring(jdbc, dataSource, failing)) {
            HttpResponse<String> started = console.post("/console/journal/messages/" + message + "/replay",
                    "_csrf=" + ConsoleSession.csrf(page));
            assertThat(started.statusCode()).isEqualTo(200);
            assertThat(started.uri().getPath()).startsWith("/console/replay-jobs/");
            assertThat(started.body()).contains("Rejeu du fichier lancé en arrière-plan.");
            job = started.uri().getPath().substring("/console/replay-jobs/".length());
            await().atMost(PROCESSING).until(() -> jdbc.sql("""
                            select count(*) from inbound_file
                            where replay_of = cast(:id as uuid) and status = 'PROCESSING'""")
                    .param("id", original.get("id").toString()).query(Integer.class).single() == 1);

            HttpResponse<String> second = postAsOperator("/api/v1/ops/journal/messages/" + message + "/replay");
            assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
            assertThat(Json.read(second.body()).get("code").asText()).isEqualTo("REJEU_EN_COURS");
            String during = console.browse("/console/journal/messages/" + message).body();
            assertThat(during).doesNotContain("id=\"replay-message\"")
                    .contains("Non rejouable : un rejeu de ce fichier est en cours");
            String refused = console.post("/console/journal/messages/" + message + "/replay", "_csrf=" + ConsoleSession.csrf(page)).body();
            assertThat(refused).contains("Rejeu refusé : un rejeu de ce fichier est déjà en cours");
            held.release();
            await().atMost(PROCESSING).until(() -> "DONE".equals(
                    Json.read(getAsOperator("/api/v1/ops/replay-jobs/" + job).body()).get("state").asText()));
        }

        JsonNode done = Json.read(getAsOperator("/api/v1/ops/replay-jobs/" + job).body());
        assertThat(done.get("succeeded").asInt()).isEqualTo(1);
        assertThat(done.get("failed").asInt()).isZero();
        JsonNode view = Json.read(getAsOperator("/api/v1/ops/journal/messages/" + message).body());
        assertThat(view.at("/message/outcome").asText()).isEqualTo("DONE");
        assertThat(view.get("runs")).hasSize(1);
        String run = view.at("/runs/0/id").asText();
        assertThat(view.at("/runs/0/outcome").asText()).isEqualTo("DONE");
        assertThat(view.at("/replays/0/requestedBy").asText()).isEqualTo(OPERATOR);
        assertThat(view.at("/replays/0/jobId").asText()).isEqualTo(job);
        assertThat(view.at("/replays/0/runId").asText()).isEqualTo(run);
        JsonNode runView = Json.read(getAsOperator("/api/v1/ops/journal/messages/" + run).body());
        assertThat(runView.at("/message/replayOf").asText()).isEqualTo(message);
        assertThat(runView.get("records")).hasSize(1);
        assertThat(runView.at("/records/0/recordKey").asText()).isEqualTo(failing);
        assertThat(runView.at("/records/0/outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(journal("kind=MESSAGE&recordKey=" + failing).findValuesAsText("id")).containsExactlyInAnyOrder(message, run);

        assertThat(referrals(accepted)).isEqualTo(1);
        assertThat(referrals(failing)).isEqualTo(1);
        assertThat(referrals(alsoAccepted)).isEqualTo(1);
        assertThat(referrals(partnerError)).isZero();
        // The partner's reject report is not written again: the run has none, and handed off no rejection.
        assertThat(jdbc.sql("select report_name from inbound_file where replay_of = cast(:id as uuid)")
                .param("id", original.get("id").toString()).query(String.class).optional()).isEmpty();
        assertThat(jdbc.sql("select count(*) from handoff where source_kind = 'FILE_RECORD' and source_id like :run")
                .param("run", run + ":%").query(Integer.class).single()).isZero();

        assertThat(replayableMessages()).isEqualTo(replayableBefore - 1);
        // Nothing left to replay: a second replay, once the first is done, is refused too.
        HttpResponse<String> again = postAsOperator("/api/v1/ops/journal/messages/" + message + "/replay");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(Json.read(again.body()).get("code").asText()).isEqualTo("MESSAGE_NON_REJOUABLE");
        assertThat(jdbc.sql("select count(*) from raw_message where replay_of = cast(:id as uuid)")
                .param("id", message).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aQuarantinedFileIsReplayedThroughTheApiFromWhereItStoppedAndReportsOnlyWhatWasNeverReported() throws Exception {
        String base = String.valueOf(ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));
        String first = base + "1";
        String stopping = base + "2";
        String after = base + "3";
        String partnerError = base + "4";
        String fileName = "export-imilo-quarantaine-" + base + ".csv";
        byte[] file = PartnerDialects.missionLocaleCsv(List.of(person(first, 1), person(stopping, 2), person(after, 3),
                withoutLastName(person(partnerError, 4))));

        String original;
        try (var stops = UnjournaledRecords.whileJournaling(jdbc, stopping);
             PartnerSftpClient ml = PartnerSftpClient.asPartner(sftpPort, PARTNER)) {
            ml.put("/inbox/" + fileName, file);
            await().atMost(PROCESSING).until(() -> "PROCESSING".equals(fileStatus(fileName)));
            // The stop of each resume is the same: two in a row quarantine the file instead of resuming it for ever.
            await().atMost(PROCESSING).until(() -> {
                intake.resumeOrphaned();
                return "QUARANTINED".equals(fileStatus(fileName));
            });
            original = jdbc.sql("select raw_message_id from inbound_file where partner_id = :p and file_name = :f")
                    .param("p", PARTNER).param("f", fileName).query(UUID.class).single().toString();
        }
        JsonNode quarantined = Json.read(getAsOperator("/api/v1/ops/journal/messages/" + original).body());
        assertThat(quarantined.at("/message/outcome").asText()).isEqualTo("FAILED");
        assertThat(quarantined.at("/message/outcomeDetail").asText()).startsWith("FILE_QUARANTINED");
        assertThat(quarantined.get("records")).hasSize(1);
        assertThat(referrals(first)).isEqualTo(1);

        HttpResponse<String> started = postAsOperator("/api/v1/ops/journal/messages/" + original + "/replay");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        assertThat(started.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).startsWith("/api/v1/ops/replay-jobs/"));
        String job = Json.read(started.body()).get("id").asText();
        await().atMost(PROCESSING).until(() -> "DONE".equals(
                Json.read(getAsOperator("/api/v1/ops/replay-jobs/" + job).body()).get("state").asText()));
        assertThat(Json.read(getAsOperator("/api/v1/ops/replay-jobs/" + job).body()).get("succeeded").asInt()).isOne();

        JsonNode view = Json.read(getAsOperator("/api/v1/ops/journal/messages/" + original).body());
        assertThat(view.at("/runs/0/outcome").asText()).isEqualTo("DONE");
        JsonNode run = Json.read(getAsOperator("/api/v1/ops/journal/messages/" + view.at("/runs/0/id").asText()).body());
        assertThat(run.get("records").findValuesAsText("recordKey")).containsExactly(stopping, after, partnerError);
        assertThat(run.get("records").findValuesAsText("outcome")).containsExactly("ACCEPTED", "ACCEPTED", "REJECTED");
        assertThat(referrals(first)).isEqualTo(1);
        assertThat(referrals(stopping)).isEqualTo(1);
        assertThat(referrals(after)).isEqualTo(1);
        assertThat(referrals(partnerError)).isZero();
        // The row the partner got wrong was never reported (the file stopped before it): the run reports it, under its
        // own name.
        assertThat(jdbc.sql("select report_name from inbound_file where raw_message_id = cast(:id as uuid)")
                .param("id", view.at("/runs/0/id").asText()).query(String.class).single())
                .isEqualTo(fileName.replace(".csv", "_rejeu-1.rejets.csv"));
        assertThat(postAsOperator("/api/v1/ops/journal/messages/" + original + "/replay").statusCode()).isEqualTo(409);
    }

    private static SyntheticReferral person(String recordKey, int n) {
        String[] names = {"Bavine", "Cedorne", "Difolane", "Fogurine"};
        // Names of their own for each run of the test, so that no earlier person is matched.
        StringBuilder suffix = new StringBuilder();
        recordKey.chars().forEach(digit -> suffix.append((char) ('a' + digit - '0')));
        return new SyntheticReferral(PARTNER, recordKey, null, names[n - 1] + suffix, null, "Camille", LocalDate.of(2003, n, 10 + n), n % 2 == 0 ? 'F' : 'H', null, null,
                "0612345%03d".formatted(n), "rejeu" + recordKey + "@essai.example.org", n + " rue des Essais", "91220",
                "Brétigny-sur-Orge");
    }

    private static SyntheticReferral withoutLastName(SyntheticReferral r) {
        return new SyntheticReferral(r.partnerId(), r.recordKey(), r.personId(), "", null, r.firstNames(),
                r.birthDate(), r.sex(), r.nir(), r.franceTravailId(), r.phone(), r.email(), r.street(), r.postalCode(),
                r.commune());
    }

    private JsonNode journal(String query) {
        HttpResponse<String> answer = getAsOperator("/api/v1/ops/journal?" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.read(answer.body()).get("entries");
    }

    /** The dry run of a batch replay of the partner's failed messages and files. */
    private int replayableMessages() {
        HttpResponse<String> count = postAsOperator("/api/v1/ops/replay-jobs?dryRun=true&kind=MESSAGE&partner=" + PARTNER);
        assertThat(count.statusCode()).as(count.body()).isEqualTo(200);
        return Json.read(count.body()).get("matching").asInt();
    }

    private String fileStatus(String fileName) {
        return jdbc.sql("select status from inbound_file where partner_id = :p and file_name = :f")
                .param("p", PARTNER).param("f", fileName).query(String.class).optional().orElse(null);
    }

    /** Each record's outcome, with the code when the hub failed on it. */
    private List<String> recordOutcomes(Object fileId) {
        return jdbc.sql("""
                        select outcome || case when errors @> '[{"code": "INDISPONIBLE"}]' then ' INDISPONIBLE' else '' end
                        from inbound_record where inbound_file_id = cast(:id as uuid) order by position""")
                .param("id", fileId.toString()).query(String.class).list();
    }

    private int referrals(String recordKey) {
        return jdbc.sql("select count(*) from referral where partner_id = :p and record_key = :k")
                .param("p", PARTNER).param("k", recordKey).query(Integer.class).single();
    }

}
