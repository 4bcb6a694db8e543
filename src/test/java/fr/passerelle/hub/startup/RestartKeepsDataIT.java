package fr.passerelle.hub.startup;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.PartnerSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.testsupport.HubClient;
import fr.passerelle.hub.testsupport.Json;
import fr.passerelle.hub.testsupport.StandaloneHub;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** The local run keeps its data in the embedded PostgreSQL data folder between runs. */
class RestartKeepsDataIT {

    @TempDir
    Path temp;

    @Test
    void referralSurvivesARestartOfTheHub() {
        byte[] body = sample("aile/valid/AILE-20261120-006.json");
        String referralId;
        try (ConfigurableApplicationContext hub = StandaloneHub.startOnKeptData(temp)) {
            HttpResponse<String> created = HubClient.of(hub).postJson("/api/v1/referrals", AILE_KEY, body);
            assertThat(created.statusCode()).isEqualTo(202);
            referralId = Json.read(created.body()).get("referralId").asText();
        }
        try (ConfigurableApplicationContext hub = StandaloneHub.startOnKeptData(temp)) {
            HttpResponse<String> read = HubClient.of(hub).get("/api/v1/referrals/" + referralId, AILE_KEY);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(Json.read(read.body()).get("status").asText()).isEqualTo("ACCEPTED");
        }
    }
}
