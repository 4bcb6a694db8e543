package fr.passerelle.hub.alert;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import fr.passerelle.hub.pull.FakeFranceTravailSftp;
import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.FreePorts;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import fr.passerelle.hub.testsupport.PartnerSamples;
import fr.passerelle.hub.testsupport.PartnerSftpClient;
import fr.passerelle.hub.testsupport.PublishedContract;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Alerts with a state on a hub of their own (alerts evaluated every 200 ms): France Travail's SFTP server away
 * opens one alert and its return resolves it, without a restart; a partner silent past its cadence; an error rate
 * over the threshold. Each change reaches the operators by e-mail (a real SMTP server) and by a signed webhook.
 */
@TestPropertySource(properties = {
        "passerelle.test.isolated-context=alerts",
        "passerelle.alerts.enabled=true",
        "passerelle.alerts.error-rate.threshold=0.5",
        "passerelle.alerts.error-rate.minimum-records=4",
        "passerelle.alerts.notifications.max-per-hour=100",
        "passerelle.alerts.notifications.emails=exploitation@passerelle.test",
        "passerelle.partners.ml-val-orge.expected-cadence=3s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AlertsIT extends HubIntegrationTest {

    private static final String WEBHOOK_SECRET = "test-alert-webhook-secret";
    private static final FakeFranceTravailSftp FRANCE_TRAVAIL = new FakeFranceTravailSftp();
    private static final List<Delivery> WEBHOOK = new ArrayList<>();
    private static final HttpServer OPERATORS_WEBHOOK = webhook();
    private static final int SMTP_PORT = FreePorts.next();
    private static final GreenMail SMTP = smtp();

    record Delivery(JsonNode body, boolean signedRight) {
    }

    @DynamicPropertySource
    static void wiring(DynamicPropertyRegistry registry) {
        registry.add("passerelle.pull.sftp.ft-91-sftp.enabled", () -> "true");
        registry.add("passerelle.pull.sftp.ft-91-sftp.host", () -> "127.0.0.1");
        registry.add("passerelle.pull.sftp.ft-91-sftp.port", FRANCE_TRAVAIL::port);
        registry.add("passerelle.pull.sftp.ft-91-sftp.directory", () -> FakeFranceTravailSftp.DIRECTORY);
        registry.add("passerelle.pull.sftp.ft-91-sftp.username", () -> FakeFranceTravailSftp.USER);
        registry.add("passerelle.pull.sftp.ft-91-sftp.password", () -> FakeFranceTravailSftp.PASSWORD);
        registry.add("passerelle.pull.sftp.ft-91-sftp.known-hosts-file", () -> FRANCE_TRAVAIL.knownHosts().toString());
        registry.add("passerelle.alerts.notifications.webhooks[0].url",
                () -> "http://127.0.0.1:" + OPERATORS_WEBHOOK.getAddress().getPort() + "/alerts");
        registry.add("passerelle.alerts.notifications.webhooks[0].secret", () -> WEBHOOK_SECRET);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @AfterAll
    static void stopPeers() throws IOException {
        FRANCE_TRAVAIL.close();
        OPERATORS_WEBHOOK.stop(0);
        SMTP.stop();
    }

    @Autowired
    JdbcClient jdbc;

    @Value("${local.sftp.port}")
    int sftpPort;

    @Test
    void franceTravailsSftpServerAwayOpensOneAlertAndItsReturnResolvesItWithoutARestart() throws Exception {
        int listings = FRANCE_TRAVAIL.listings();
        await().atMost(Duration.ofSeconds(30)).until(() -> FRANCE_TRAVAIL.listings() > listings);
        assertThat(alertsAbout("consumer:ft-91-sftp-pull")).as("no alert before its first poll").isZero();

        FRANCE_TRAVAIL.stop();
        JsonNode opened = await().atMost(Duration.ofSeconds(30)).until(() -> openAlerts().stream()
                .filter(alert -> alert.get("subject").asText().equals("consumer:ft-91-sftp-pull")).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(opened.get("kind").asText()).isEqualTo("ROUTE_DOWN");
        String alertId = opened.get("alertId").asText();
        // A partner's server away is an optional peer broken: a degraded component, the hub still takes traffic.
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).GET()).statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/actuator/health")).GET()).statusCode()).isEqualTo(200);
        JsonNode camelRoutes = Json.read(getAsOperator("/actuator/health").body()).path("components").path("camelRoutes");
        assertThat(camelRoutes.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(camelRoutes.path("details").path("consumer:ft-91-sftp-pull").asText()).isEqualTo("DOWN");
        // Still down through several more looks: still that one alert, not repeated.
        await().atMost(Duration.ofSeconds(10)).until(() -> lastSeenAfterOpening(alertId).compareTo(Duration.ofSeconds(1)) > 0);
        assertThat(alertsAbout("consumer:ft-91-sftp-pull")).isEqualTo(1);

        FRANCE_TRAVAIL.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> state(alertId).equals("RESOLVED"));
        assertThat(alertsAbout("consumer:ft-91-sftp-pull")).isEqualTo(1);
        assertThat(openAlerts()).noneMatch(alert -> alert.get("subject").asText().contains("ft-91-sftp-pull"));

        await().atMost(Duration.ofSeconds(10)).until(() -> webhookChanges(alertId).size() == 2);
        assertThat(webhookChanges(alertId)).containsExactly("OPENED", "RESOLVED");
        synchronized (WEBHOOK) {
            assertThat(WEBHOOK).allMatch(Delivery::signedRight);
            // As the API's description publishes it (webhooks: alert).
            WEBHOOK.forEach(delivery -> assertThat(PublishedContract.violations(
                    "/components/schemas/AlertNotification", delivery.body())).isEmpty());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsAbout("consumer:ft-91-sftp-pull").size() == 2);
        assertThat(mailsAbout("consumer:ft-91-sftp-pull")).anyMatch(subject -> subject.contains("ouverte"))
                .anyMatch(subject -> subject.contains("résolue"));
    }

    @Test
    void aPartnerSilentPastItsCadenceIsAlertedUntilItsNextFile() throws Exception {
        JsonNode silent = await().atMost(Duration.ofSeconds(30)).until(() -> openAlerts().stream()
                .filter(alert -> alert.get("kind").asText().equals("PARTNER_SILENT")
                        && alert.get("subject").asText().equals("ml-val-orge")).findFirst(),
                Optional::isPresent).orElseThrow();
        String alertId = silent.get("alertId").asText();
        assertThat(openAlerts()).noneMatch(alert -> alert.get("kind").asText().equals("PARTNER_SILENT")
                && alert.get("subject").asText().equals("aile"));

        try (PartnerSftpClient mlSftp = PartnerSftpClient.asPartner(sftpPort, "ml-val-orge")) {
            mlSftp.put("inbox/export-imilo-2026-11-20.csv",
                    Files.readAllBytes(PartnerSamples.path("ml-val-orge/valid/export-imilo-2026-11-20.csv")));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> state(alertId).equals("RESOLVED"));
    }

    @Test
    void anErrorRateOverTheThresholdIsAlertedAndResolvedWhenItFallsBack() throws Exception {
        byte[] invalid = Files.readAllBytes(PartnerSamples.path("aile/invalid/missing-birthDate.json"));
        for (int i = 0; i < 4; i++) {
            assertThat(postJson("/api/v1/referrals", AILE_KEY, invalid).statusCode()).isEqualTo(400);
        }
        JsonNode rate = await().atMost(Duration.ofSeconds(30)).until(() -> openAlerts().stream()
                .filter(alert -> alert.get("kind").asText().equals("ERROR_RATE")
                        && alert.get("subject").asText().equals("aile")).findFirst(),
                Optional::isPresent).orElseThrow();
        assertThat(rate.get("detail").asText()).contains("4 erreur(s) sur 4");

        for (int i = 0; i < 5; i++) {
            referNewPersonAsAile(AileReferral.newPerson());
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> state(rate.get("alertId").asText()).equals("RESOLVED"));
        assertThat(alertsAbout("aile", "ERROR_RATE")).isEqualTo(1);
    }

    @Test
    void anOperatorAcknowledgesAnAlertOnceAndItStaysListedUntilResolved() {
        JsonNode any = await().atMost(Duration.ofSeconds(30)).until(() -> openAlerts().stream().findFirst(),
                Optional::isPresent).orElseThrow();
        String alertId = any.get("alertId").asText();

        HttpResponse<String> first = postAsOperator("/api/v1/ops/alerts/" + alertId + "/ack");
        HttpResponse<String> again = postAsOperator("/api/v1/ops/alerts/" + alertId + "/ack");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(Json.read(again.body()).get("acknowledgedAt").asText())
                .isEqualTo(Json.read(first.body()).get("acknowledgedAt").asText());
        assertThat(Json.read(first.body()).get("acknowledgedBy").asText()).isEqualTo("operator");
        assertThat(postAsOperator("/api/v1/ops/alerts/" + java.util.UUID.randomUUID() + "/ack").statusCode())
                .isEqualTo(404);
        assertThat(get("/api/v1/ops/alerts", AILE_KEY).statusCode()).isEqualTo(401);
        HttpResponse<String> console = getAsOperator("/console/alerts");
        assertThat(console.statusCode()).isEqualTo(200);
        assertThat(console.body()).contains("data-alert-id=\"" + alertId + "\"").contains("acquittée par operator");
        assertThat(getAsOperator("/api/v1/ops/alerts?state=SOME").statusCode()).isEqualTo(400);
    }

    private List<JsonNode> openAlerts() {
        HttpResponse<String> answer = getAsOperator("/api/v1/ops/alerts");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return StreamSupport.stream(Json.read(answer.body()).get("alerts").spliterator(), false).toList();
    }

    private String state(String alertId) {
        return jdbc.sql("select case when resolved_at is null then 'OPEN' else 'RESOLVED' end from alert where id = :id::uuid")
                .param("id", alertId).query(String.class).single();
    }

    private Duration lastSeenAfterOpening(String alertId) {
        return jdbc.sql("select extract(epoch from last_seen_at - opened_at) * 1000 from alert where id = :id::uuid")
                .param("id", alertId).query((rs, n) -> Duration.ofMillis(rs.getLong(1))).single();
    }

    private int alertsAbout(String subject) {
        return jdbc.sql("select count(*) from alert where subject = :s").param("s", subject).query(Integer.class).single();
    }

    private int alertsAbout(String subject, String kind) {
        return jdbc.sql("select count(*) from alert where subject = :s and kind = :k").param("s", subject)
                .param("k", kind).query(Integer.class).single();
    }

    private static List<String> webhookChanges(String alertId) {
        synchronized (WEBHOOK) {
            return WEBHOOK.stream().flatMap(delivery -> StreamSupport.stream(delivery.body().get("changes").spliterator(), false))
                    .filter(change -> change.get("alertId").asText().equals(alertId))
                    .map(change -> change.get("transition").asText()).toList();
        }
    }

    private static List<String> mailsAbout(String subject) {
        return Arrays.stream(SMTP.getReceivedMessages()).map(AlertsIT::subjectOf)
                .filter(line -> line.contains(subject)).toList();
    }

    private static String subjectOf(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpServer webhook() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/alerts", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String signature = exchange.getRequestHeaders().getFirst("X-Passerelle-Signature");
                synchronized (WEBHOOK) {
                    WEBHOOK.add(new Delivery(Json.read(new String(body, java.nio.charset.StandardCharsets.UTF_8)),
                            ("sha256=" + AlertSender.sign(WEBHOOK_SECRET, body)).equals(signature)));
                }
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GreenMail smtp() {
        GreenMail mail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }
}
