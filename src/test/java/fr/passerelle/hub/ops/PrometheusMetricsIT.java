package fr.passerelle.hub.ops;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.SmtpHubTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;

/**
 * The metrics Prometheus scrapes, per partner, channel and route: intake (received, accepted, matched), handoffs
 * (delivered, acknowledged) and the end-to-end latency histogram; open to operators and to the scraper's own login.
 */
@AutoConfigureObservability(tracing = false)
class PrometheusMetricsIT extends SmtpHubTest {

    @Test
    void countsAReferralMatchedAndItsHandoffsDeliveredAcknowledgedAndTheirLatency() {
        referNewPersonAsAile(AileReferral.newPerson());
        Person person = referAndStart(30, "91240", true, true);
        journeyEvent(person.id(), "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"LOGEMENT\",\"note\":\"hébergée\"}");
        String emailed = handoffsOf(person.id()).withRule("barrier-social").get("handoffId").asText();
        awaitHandoffStatus(person.id(), emailed, "DELIVERED");
        JsonNode pending = pendingHandoffs(AILE_KEY);
        assertThat(pending).isNotEmpty();
        assertThat(acknowledge(pending.get(0).get("handoffId").asText(), AILE_KEY).statusCode()).isEqualTo(200);

        String metrics = scrape("operator", "demo-operator-password").body();

        assertThat(metrics)
                .containsPattern("passerelle_intake_received_total\\{[^}]*channel=\"REST\"[^}]*partner=\"aile\"")
                .containsPattern("passerelle_intake_accepted_total\\{[^}]*partner=\"aile\"")
                .containsPattern("passerelle_intake_matched_total\\{[^}]*channel=\"REST\"[^}]*partner=\"aile\"")
                .containsPattern("passerelle_handoffs_delivered_total\\{[^}]*channel=\"EMAIL\"")
                .containsPattern("passerelle_handoffs_acknowledged_total\\{[^}]*channel=\"PULL_API\"[^}]*partner=\"aile\"")
                .containsPattern("passerelle_handoffs_latency_seconds_bucket\\{[^}]*channel=\"EMAIL\"[^}]*outcome=\"delivered\"")
                .containsPattern("passerelle_handoffs_latency_seconds_count\\{[^}]*channel=\"EMAIL\"");
        // SECURITY: no personal data in a tag.
        assertThat(metrics).doesNotContain(person.lastName(), person.firstName());
    }

    @Test
    void theScrapersLoginReadsTheMetricsAndNothingElse() {
        assertThat(scrape("metrics", "demo-metrics-password").statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET()).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri("/console/alerts"))
                .header("Authorization", basic("metrics", "demo-metrics-password")).GET()).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> scrape(String user, String password) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/actuator/prometheus"))
                .header("Authorization", basic(user, password)).GET());
        return answer;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
