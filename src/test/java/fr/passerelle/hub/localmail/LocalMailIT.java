package fr.passerelle.hub.localmail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.DemoCredentials;
import fr.passerelle.hub.testsupport.FreePorts;
import fr.passerelle.hub.testsupport.HubClient;
import fr.passerelle.hub.testsupport.Json;
import fr.passerelle.hub.testsupport.StandaloneHub;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The local run as a newcomer gets it: its own SMTP server, so the hub is healthy and an e-mail handoff goes all the
 * way to a caught e-mail an operator sees in the console, with the referent's link.
 */
class LocalMailIT {

    @TempDir
    static Path temp;

    static ConfigurableApplicationContext hub;
    static HubClient client;

    @BeforeAll
    static void startLocalRun() {
        hub = StandaloneHub.startFresh(temp, "--passerelle.local-mail.enabled=true", "--spring.mail.host=localhost",
                "--spring.mail.port=" + FreePorts.next(), "--passerelle.handoffs.dispatch.initial-delay=0ms",
                "--passerelle.handoffs.dispatch.poll-interval=200ms");
        client = HubClient.of(hub);
    }

    @AfterAll
    static void stop() {
        hub.close();
    }

    @Test
    void theLocalRunIsHealthyWithItsOwnSmtpServer() {
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(client.uri("/actuator/health")).GET());
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(Json.read(health.body()).get("status").asText()).isEqualTo("UP");
    }

    @Test
    void operatorsSeeTheComponentsOfHealthProbesOnlyItsStatus() {
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(client.uri("/actuator/health")).GET());
        assertThat(Json.read(anonymous.body()).has("components")).isFalse();
        HttpResponse<String> operator = client.getAsOperator("/actuator/health");
        assertThat(operator.statusCode()).as(operator.body()).isEqualTo(200);
        assertThat(Json.read(operator.body()).path("components").path("mail").path("status").asText()).isEqualTo("UP");
        assertThat(Json.read(operator.body()).path("components").path("db").path("status").asText()).isEqualTo("UP");
    }

    @Test
    void anEmailHandoffIsDeliveredAndShownToOperatorsWithItsLink() {
        HttpResponse<String> referral = client.postJson("/api/v1/referrals", DemoCredentials.AILE_KEY,
                AileReferral.newPerson().lastName("Localmail").postalCode("91240").consent(true).json());
        assertThat(referral.statusCode()).as(referral.body()).isEqualTo(202);
        String referralId = Json.read(referral.body()).get("referralId").asText();
        String beneficiary = Json.read(client.get("/api/v1/referrals/" + referralId, DemoCredentials.AILE_KEY).body())
                .get("beneficiaryId").asText();
        event(beneficiary, "{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":true,\"reason\":\"projet validé\"}");
        event(beneficiary, "{\"type\":\"WORKSHOP_ATTENDED\",\"kind\":\"LAUNCH\"}");
        event(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"LOGEMENT\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<String> page = client.getAsOperator("/console/mail");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("Passerelle — demande de relais", "/referent/handoffs/");
        });
        assertThat(client.getAsOperator("/console").body()).contains("/console/mail");
    }

    private static void event(String beneficiary, String json) {
        HttpResponse<String> answer = client.postJson("/api/v1/beneficiaries/" + beneficiary + "/events",
                DemoCredentials.PROGRAMME_KEY, json.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }
}
