package fr.passerelle.hub.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * Health as probes and operators read it, on a hub whose SMTP relay is unreachable (the test profile points the
 * e-mail channel at a closed port): an optional peer broken is a degraded component, never the hub down.
 */
class HealthIT extends HubIntegrationTest {

    @Test
    void anUnreachableSmtpRelayDegradesTheHubWithoutTakingItDown() {
        HttpResponse<String> probe = send(HttpRequest.newBuilder(uri("/actuator/health")).GET());
        assertThat(probe.statusCode()).as(probe.body()).isEqualTo(200);
        assertThat(Json.read(probe.body()).get("status").asText()).as(getAsOperator("/actuator/health").body())
                .isEqualTo("DEGRADED");

        JsonNode mail = Json.read(getAsOperator("/actuator/health").body()).path("components").path("mail");
        assertThat(mail.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(mail.path("details").path("relay").asText()).isEqualTo("127.0.0.1:1");
    }

    @Test
    void readinessIsAboutPartnerTrafficAndLivenessAboutTheProcess() {
        HttpResponse<String> readiness = send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).GET());
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(Json.read(readiness.body()).get("status").asText()).isEqualTo("UP");
        HttpResponse<String> liveness = send(HttpRequest.newBuilder(uri("/actuator/health/liveness")).GET());
        assertThat(Json.read(liveness.body()).get("status").asText()).isEqualTo("UP");

        JsonNode components = Json.read(getAsOperator("/actuator/health/readiness").body()).path("components");
        assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("camel").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("sftp").path("status").asText()).isEqualTo("UP");
        assertThat(components.has("mail")).isFalse();
    }
}
