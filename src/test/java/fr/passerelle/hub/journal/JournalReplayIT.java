package fr.passerelle.hub.journal;

import static fr.passerelle.hub.testsupport.DemoCredentials.ADMIN;
import static fr.passerelle.hub.testsupport.DemoCredentials.ADMIN_PASSWORD;
import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.FT_91_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.VIEWER;
import static fr.passerelle.hub.testsupport.DemoCredentials.VIEWER_PASSWORD;
import static fr.passerelle.hub.testsupport.DemoCredentials.basicAuthorization;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The journal and replays through the operators' API (HTTP Basic), on the shared hub: a message the hub failed on is
 * found by its partner record key and replayed, its runs linked, nothing doubled; a batch of parked handoffs is
 * counted, then replayed once each, paused and resumed; roles keep raw payloads and replays from viewers.
 */
class JournalReplayIT extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void failedMessageIsFoundByItsRecordKeyAndItsReplayIsLinkedToItWithoutADuplicateReferral() {
        AileReferral referral = person();
        String failed = failedMessage(referral);

        JsonNode found = journal("recordKey=" + referral.reference());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("id").asText()).isEqualTo(failed);
        assertThat(found.get(0).get("status").asText()).isEqualTo("FAILED");
        assertThat(found.get(0).get("detail").asText()).isEqualTo("INDISPONIBLE");

        HttpResponse<String> replayed = postAsOperator("/api/v1/ops/journal/messages/" + failed + "/replay");
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        JsonNode outcome = Json.read(replayed.body());
        assertThat(outcome.get("outcome").asText()).isEqualTo("ACCEPTED");
        String run = outcome.get("runId").asText();

        JsonNode view = Json.read(getAsOperator("/api/v1/ops/journal/messages/" + failed).body());
        assertThat(view.at("/message/outcome").asText()).isEqualTo("FAILED");
        assertThat(view.get("runs")).hasSize(1);
        assertThat(view.at("/runs/0/id").asText()).isEqualTo(run);
        assertThat(view.at("/runs/0/outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(view.at("/replays/0/requestedBy").asText()).isEqualTo("operator");
        assertThat(view.at("/replays/0/runId").asText()).isEqualTo(run);
        assertThat(view.get("referrals")).hasSize(1);
        String referralId = view.at("/referrals/0/id").asText();
        assertThat(view.get("handoffs")).isNotEmpty();
        JsonNode runView = Json.read(getAsOperator("/api/v1/ops/journal/messages/" + run).body());
        assertThat(runView.at("/message/replayOf").asText()).isEqualTo(failed);

        JsonNode both = journal("kind=MESSAGE&recordKey=" + referral.reference());
        assertThat(both.findValuesAsText("id")).containsExactlyInAnyOrder(failed, run);
        assertThat(journal("kind=MESSAGE&referralId=" + referralId).findValuesAsText("id")).contains(run);
        String beneficiary = view.at("/referrals/0/beneficiaryId").asText();
        assertThat(journal("beneficiaryId=" + beneficiary).findValuesAsText("id")).contains(run);
        String handoff = view.at("/handoffs/0/id").asText();
        assertThat(journal("handoffId=" + handoff).findValuesAsText("id")).contains(run, handoff);

        // Never twice: a replay that went through closes the message, and the partner sending it again is a duplicate.
        assertThat(postAsOperator("/api/v1/ops/journal/messages/" + failed + "/replay").statusCode()).isEqualTo(409);
        assertThat(postJson("/api/v1/referrals", AILE_KEY, referral.json()).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from referral where partner_id = 'aile' and upper(record_key) = upper(:key)")
                .param("key", referral.reference()).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from replay where target_id = cast(:id as uuid)").param("id", failed)
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aFailedSoapCallIsReplayedThroughTheSamePipelineWithItsRoutesMapping() throws Exception {
        String reference = "ORI-91027-J" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String envelope;
        try (var in = getClass().getResourceAsStream("/soap/orientation-valide.xml")) {
            envelope = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("ORI-91027-RAW-0001", reference);
        }
        try (var failing = FailingReferrals.whileStoring(jdbc, reference)) {
            HttpResponse<String> fault = send(HttpRequest.newBuilder(uri("/services/orientation"))
                    .header("Content-Type", "text/xml; charset=UTF-8")
                    .header("SOAPAction", "\"urn:passerelle:orientation:v1:soumettreOrientation\"")
                    .header("X-Api-Key", FT_91_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)));
            assertThat(fault.statusCode()).isEqualTo(500);
        }
        JsonNode found = journal("partner=ft-91&status=FAILED&recordKey=" + reference);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("channel").asText()).isEqualTo("SOAP");
        String failed = found.get(0).get("id").asText();

        HttpResponse<String> replayed = postAsOperator("/api/v1/ops/journal/messages/" + failed + "/replay");
        assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
        assertThat(Json.read(replayed.body()).get("outcome").asText()).isEqualTo("ACCEPTED");
        JsonNode view = Json.read(getAsOperator("/api/v1/ops/journal/messages/" + failed).body());
        assertThat(view.at("/message/mappingId").asText()).isEqualTo("ft-91/orientation-soap.v1");
        assertThat(view.at("/runs/0/outcome").asText()).isEqualTo("ACCEPTED");
        assertThat(view.at("/referrals/0/recordKey").asText()).isEqualTo(reference);
        assertThat(jdbc.sql("select count(*) from referral where partner_id = 'ft-91' and record_key = :key")
                .param("key", reference).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aMessageIsNeverReplayedTwiceAtOnce() {
        AileReferral referral = person();
        String failed = failedMessage(referral);
        jdbc.sql("insert into replay (target_kind, target_id, requested_by) values ('MESSAGE', cast(:id as uuid), 'other')")
                .param("id", failed).update();

        HttpResponse<String> second = postAsOperator("/api/v1/ops/journal/messages/" + failed + "/replay");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(Json.read(second.body()).get("code").asText()).isEqualTo("REJEU_EN_COURS");
        assertThat(jdbc.sql("select count(*) from raw_message where replay_of = cast(:id as uuid)").param("id", failed)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void batchReplayOfParkedHandoffsShowsItsCountThenDeliversEachOnce() {
        String since = Instant.now().minusMillis(1).toString();
        List<String> parked = parkedAileHandoffs(3);
        String filter = "kind=HANDOFF&partner=aile&from=" + URLEncoder.encode(since, StandardCharsets.UTF_8);

        HttpResponse<String> dryRun = postAsOperator("/api/v1/ops/replay-jobs?dryRun=true&" + filter);
        assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
        assertThat(Json.read(dryRun.body()).get("matching").asInt()).isEqualTo(3);
        assertThat(parked).allSatisfy(id -> assertThat(status(id)).isEqualTo("PARKED"));

        HttpResponse<String> started = postAsOperator("/api/v1/ops/replay-jobs?" + filter);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String job = Json.read(started.body()).get("id").asText();
        JsonNode done = awaitJob(job, "DONE");
        assertThat(done.get("total").asInt()).isEqualTo(3);
        assertThat(done.get("succeeded").asInt()).isEqualTo(3);

        List<String> pulled = new ArrayList<>();
        pendingHandoffs(AILE_KEY).forEach(handoff -> pulled.add(handoff.at("/handoffId").asText()));
        assertThat(pulled.stream().filter(parked::contains)).containsExactlyInAnyOrderElementsOf(parked);
        assertThat(parked).allSatisfy(id -> {
            assertThat(status(id)).isEqualTo("DELIVERED");
            assertThat(jdbc.sql("select count(*) from handoff_attempt where handoff_id = cast(:id as uuid) and outcome = 'PULLED'")
                    .param("id", id).query(Integer.class).single()).isEqualTo(1);
        });
        assertThat(jdbc.sql("select count(*) from replay where job_id = cast(:job as uuid) and outcome = 'RESENT'")
                .param("job", job).query(Integer.class).single()).isEqualTo(3);
        assertThat(Json.read(postAsOperator("/api/v1/ops/replay-jobs?dryRun=true&" + filter).body())
                .get("matching").asInt()).isZero();
        assertThat(postAsOperator("/api/v1/ops/replay-jobs/" + job + "/cancel").statusCode()).isEqualTo(409);
    }

    @Test
    void aJobPausedBetweenTwoItemsStopsThereAndGoesOnWhenResumed() throws Exception {
        String since = Instant.now().minusMillis(1).toString();
        List<String> parked = parkedAileHandoffs(2);
        String filter = "kind=HANDOFF&partner=aile&from=" + URLEncoder.encode(since, StandardCharsets.UTF_8);
        String job;
        // The first item's handoff row is held, so the job is caught on it while the operator pauses it.
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            String first = jdbc.sql("select cast(id as text) from handoff where id in (:ids) order by created_at, id limit 1")
                    .param("ids", parked.stream().map(UUID::fromString).toList()).query(String.class).single();
            try (PreparedStatement lock = holder.prepareStatement("select 1 from handoff where id = ? for update")) {
                lock.setObject(1, UUID.fromString(first));
                lock.executeQuery();
            }
            HttpResponse<String> started = postAsOperator("/api/v1/ops/replay-jobs?" + filter);
            job = Json.read(started.body()).get("id").asText();
            String running = job;
            await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                            "select count(*) from replay_job_item where job_id = cast(:job as uuid) and outcome = 'RUNNING'")
                    .param("job", running).query(Integer.class).single() == 1);
            HttpResponse<String> paused = postAsOperator("/api/v1/ops/replay-jobs/" + job + "/pause");
            assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
            assertThat(Json.read(paused.body()).get("state").asText()).isEqualTo("PAUSED");
            holder.commit();
        }
        String paused = job;
        await().atMost(Duration.ofSeconds(10)).until(() -> job(paused).get("done").asInt() == 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            JsonNode now = job(paused);
            assertThat(now.get("done").asInt()).as(now.toString()).isEqualTo(1);
            assertThat(now.get("state").asText()).as(now.toString()).isEqualTo("PAUSED");
        });
        assertThat(postAsOperator("/api/v1/ops/replay-jobs/" + job + "/pause").statusCode()).isEqualTo(409);

        assertThat(postAsOperator("/api/v1/ops/replay-jobs/" + job + "/resume").statusCode()).isEqualTo(200);
        JsonNode done = awaitJob(job, "DONE");
        assertThat(done.get("done").asInt()).isEqualTo(2);
        assertThat(done.get("succeeded").asInt()).isEqualTo(2);
        assertThat(done.get("updatedBy").asText()).isEqualTo("operator");
    }

    @Test
    void aViewerReadsTheJournalButNeitherARawPayloadNorAReplayWhichAnAdministratorMay() {
        AileReferral referral = person();
        String failed = failedMessage(referral);
        String viewer = basicAuthorization(VIEWER, VIEWER_PASSWORD);
        String admin = basicAuthorization(ADMIN, ADMIN_PASSWORD);

        assertThat(as(viewer, "GET", "/api/v1/ops/journal?recordKey=" + referral.reference()).statusCode()).isEqualTo(200);
        assertThat(as(viewer, "GET", "/api/v1/ops/journal/messages/" + failed).statusCode()).isEqualTo(200);
        HttpResponse<String> payload = as(viewer, "GET", "/api/v1/ops/journal/messages/" + failed + "/payload");
        assertThat(payload.statusCode()).isEqualTo(403);
        assertThat(payload.body()).doesNotContain(referral.reference()).contains("ACCES_REFUSE");
        assertThat(getAsOperator("/api/v1/ops/journal/messages/" + failed + "/payload").statusCode()).isEqualTo(403);
        assertThat(as(viewer, "POST", "/api/v1/ops/journal/messages/" + failed + "/replay").statusCode()).isEqualTo(403);
        assertThat(as(viewer, "POST", "/api/v1/ops/replay-jobs?kind=HANDOFF&dryRun=true").statusCode()).isEqualTo(403);
        assertThat(jdbc.sql("select count(*) from replay where target_id = cast(:id as uuid)").param("id", failed)
                .query(Integer.class).single()).isZero();

        // The console pages: the viewer sees the message, not the payload's link nor the replay button.
        HttpResponse<String> page = as(viewer, "GET", "/console/journal/messages/" + failed);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("FAILED").doesNotContain("replay-message").doesNotContain("/payload");
        assertThat(as(viewer, "GET", "/console/journal/messages/" + failed + "/payload").statusCode()).isEqualTo(403);
        assertThat(as(basicAuthorization("operator", "demo-operator-password"), "GET",
                "/console/journal/messages/" + failed).body()).contains("replay-message");

        HttpResponse<String> raw = as(admin, "GET", "/api/v1/ops/journal/messages/" + failed + "/payload");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.body()).isEqualTo(new String(referral.json(), StandardCharsets.UTF_8));
        assertThat(as(admin, "GET", "/console/journal/messages/" + failed + "/payload").body())
                .contains(referral.reference());
    }

    // --- steps

    /**
     * A new person each time: the sample's phone would make every "Joëlle" of the suite one candidate of the next
     * (same phone, same first name), and a referral joining an earlier test's person brought that person's older
     * handoffs into this test's counts.
     */
    private static AileReferral person() {
        return AileReferral.newPerson().firstName("Joëlle")
                .lastName("Journal-" + UUID.randomUUID().toString().substring(0, 8))
                .birthDate(LocalDate.now().minusYears(40).minusDays(ThreadLocalRandom.current().nextInt(300)))
                .email("joelle." + UUID.randomUUID() + "@example.org")
                .phone(String.format("06%08d", ThreadLocalRandom.current().nextInt(100_000_000)));
    }

    /** AILE posts the referral while the database refuses it: the hub answers an error and keeps the message FAILED. */
    private String failedMessage(AileReferral referral) {
        try (var failing = FailingReferrals.whileStoring(jdbc, referral.reference())) {
            HttpResponse<String> answer = postJson("/api/v1/referrals", AILE_KEY, referral.json());
            assertThat(answer.statusCode()).as(answer.body()).isGreaterThanOrEqualTo(500);
        }
        return jdbc.sql("select cast(id as text) from raw_message where upper(record_key) = upper(:key) and outcome = 'FAILED'")
                .param("key", referral.reference()).query(String.class).single();
    }

    /** AILE's referral-accepted handoffs of new people, parked as after their last retry. */
    private List<String> parkedAileHandoffs(int count) {
        List<String> parked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String beneficiary = referNewPersonAsAile(person());
            String handoff = handoffsOf(beneficiary).withRule("referral-accepted").get("handoffId").asText();
            jdbc.sql("update handoff set status = 'PARKED', parked_at = now(), next_attempt_at = null where id = cast(:id as uuid)")
                    .param("id", handoff).update();
            parked.add(handoff);
        }
        return parked;
    }

    private JsonNode journal(String query) {
        HttpResponse<String> answer = getAsOperator("/api/v1/ops/journal?" + query);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.read(answer.body()).get("entries");
    }

    private String status(String handoff) {
        return jdbc.sql("select status from handoff where id = cast(:id as uuid)").param("id", handoff)
                .query(String.class).single();
    }

    private JsonNode job(String id) {
        return Json.read(getAsOperator("/api/v1/ops/replay-jobs/" + id).body());
    }

    private JsonNode awaitJob(String id, String state) {
        return await().atMost(Duration.ofSeconds(15)).until(() -> job(id), job -> job.get("state").asText().equals(state));
    }

    private HttpResponse<String> as(String authorization, String method, String path) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", authorization)
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }
}
