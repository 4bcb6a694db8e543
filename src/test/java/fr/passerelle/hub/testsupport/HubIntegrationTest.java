package fr.passerelle.hub.testsupport;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.PROGRAMME_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole hub on a random port with its own embedded PostgreSQL; tests talk to it over real HTTP. Subclasses
 * sharing this configuration share one Spring context (and one database), so each test uses its own data. A class
 * that counts rows, or loads a lot, gets a hub of its own with
 * {@code @TestPropertySource(properties = "passerelle.test.isolated-context=<name>")} and
 * {@code @DirtiesContext(classMode = AFTER_CLASS)}. The hubs still running after the last test are stopped then
 * ({@link HubsStoppedAfterLastTest}), not at the JVM's exit.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(HubsStoppedAfterLastTest.class)
public abstract class HubIntegrationTest {

    /** Deliveries run in the background, with the quick retries of application-test.yml. */
    private static final Duration DELIVERY = Duration.ofSeconds(15);

    @LocalServerPort
    protected int port;

    private HubClient hub;

    protected HubClient hub() {
        if (hub == null) {
            hub = new HubClient(port);
        }
        return hub;
    }

    protected URI uri(String path) {
        return hub().uri(path);
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) {
        return hub().send(request);
    }

    protected HttpResponse<String> get(String path, String apiKey) {
        return hub().get(path, apiKey);
    }

    protected HttpResponse<String> postJson(String path, String apiKey, byte[] body) {
        return hub().postJson(path, apiKey, body);
    }

    protected HttpResponse<String> getAsOperator(String path) {
        return hub().getAsOperator(path);
    }

    protected HttpResponse<String> postAsOperator(String path) {
        return hub().postAsOperator(path);
    }

    // --- the partners' steps, through the HTTP API

    /** Posts the referral as AILE; returns the beneficiary it was attached to. */
    protected String referNewPersonAsAile(AileReferral referral) {
        HttpResponse<String> created = postJson("/api/v1/referrals", AILE_KEY, referral.json());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String referralId = Json.read(created.body()).get("referralId").asText();
        return Json.read(get("/api/v1/referrals/" + referralId, AILE_KEY).body()).get("beneficiaryId").asText();
    }

    /** The programme team records a journey event; returns the hub's answer (the event and what it triggered). */
    protected JsonNode journeyEvent(String beneficiary, String json) {
        HttpResponse<String> answer = postJson("/api/v1/beneficiaries/" + beneficiary + "/events", PROGRAMME_KEY,
                json.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return Json.read(answer.body());
    }

    /** The person's handoffs, as the programme team reads them. */
    protected HandoffHistory handoffsOf(String beneficiary) {
        HttpResponse<String> answer = get("/api/v1/beneficiaries/" + beneficiary + "/handoffs", PROGRAMME_KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new HandoffHistory(Json.read(answer.body()));
    }

    /** Waits until the person's handoff has {@code status}; returns it. */
    protected JsonNode awaitHandoffStatus(String beneficiary, String handoffId, String status) {
        return await().atMost(DELIVERY).until(() -> handoffsOf(beneficiary).byId(handoffId)
                        .filter(handoff -> handoff.get("status").asText().equals(status)), Optional::isPresent)
                .orElseThrow();
    }

    /** The partner's pending handoffs; listing them delivers them (pull API). */
    protected JsonNode pendingHandoffs(String apiKey) {
        HttpResponse<String> answer = get("/api/v1/handoffs?status=PENDING", apiKey);
        return Json.read(answer.body()).get("handoffs");
    }

    protected HttpResponse<String> acknowledge(String handoffId, String apiKey) {
        return postJson("/api/v1/handoffs/" + handoffId + "/ack", apiKey, new byte[0]);
    }

    /** The operator replays a parked handoff. */
    protected HttpResponse<String> replay(String handoffId) {
        return postAsOperator("/api/v1/ops/handoffs/" + handoffId + "/replay");
    }
}
