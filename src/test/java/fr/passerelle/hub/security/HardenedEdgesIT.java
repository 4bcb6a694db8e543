package fr.passerelle.hub.security;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.ML_VAL_ORGE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.PLIE_VAL_ORGE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.passerelle.hub.partner.PartnerKind;
import fr.passerelle.hub.partner.PartnerProperties;
import fr.passerelle.hub.partner.PartnerProperties.PartnerSettings;
import fr.passerelle.hub.partner.PartnerRegistry;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The partner API's edges on a hub of its own (it changes partners' keys and limits): bodies refused before they
 * are buffered, a partner's rate and bulkhead, removed partners and rotated keys.
 */
@TestPropertySource(properties = {
        "passerelle.test.isolated-context=hardened-edges",
        "passerelle.api.rate-limit.partners.aile.requests-per-minute=1",
        "passerelle.api.rate-limit.partners.aile.burst=2",
        "passerelle.api.bulkhead.max-concurrent=2"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HardenedEdgesIT extends HubIntegrationTest {

    private static final long THIRTY_MB = 30L * 1024 * 1024;

    @Autowired
    PartnerProperties partners;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void refusesA30MegabyteBodyFromItsContentLengthWithoutReadingIt() throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/referrals HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + ML_VAL_ORGE_KEY
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + THIRTY_MB + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Not one byte of the body is sent: the answer can only come from the declared length.
            String answer = readAnswer(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("application/problem+json").contains("\"code\":\"TROP_VOLUMINEUX\"");
        }
        assertHubHealthy();
    }

    @Test
    void cutsAStreamedBodyAtTheLimitWithoutWaitingForItsEnd() throws Exception {
        AtomicLong sent = new AtomicLong();
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/referrals HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + ML_VAL_ORGE_KEY
                    + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> sendChunks(out, sent));

            String answer = readAnswer(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 413");
            assertThat(answer).contains("\"code\":\"TROP_VOLUMINEUX\"");
            socket.close();
            sender.exceptionally(e -> null).join();
        }
        // The body never ended: the answer came from the count crossing the limit, not from a complete body.
        assertThat(sent.get()).isLessThan(THIRTY_MB);
        assertHubHealthy();
    }

    @Test
    void aRateLimitedPartnerGets429WithRetryAfterWhileOthersAreServed() {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> answer = get("/api/v1/files", AILE_KEY);
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429) {
                refused = answer;
            }
        }
        assertThat(statuses).containsExactly(200, 200, 429);
        assertThat(Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(Json.read(refused.body()).get("code").asText()).isEqualTo("TROP_DE_REQUETES");

        assertThat(get("/api/v1/files", ML_VAL_ORGE_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/files", PLIE_VAL_ORGE_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void onePartnersSlowUploadsTakeOnlyItsOwnPlaces() throws IOException {
        List<Socket> slowUploads = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                Socket socket = new Socket("localhost", port);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /api/v1/referrals HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + ML_VAL_ORGE_KEY
                        + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                slowUploads.add(socket);
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> get("/api/v1/files", ML_VAL_ORGE_KEY).statusCode() == 429);
            HttpResponse<String> full = get("/api/v1/files", ML_VAL_ORGE_KEY);
            assertThat(full.statusCode()).isEqualTo(429);
            assertThat(full.headers().firstValue("Retry-After")).isPresent();

            long start = System.nanoTime();
            assertThat(get("/api/v1/files", PLIE_VAL_ORGE_KEY).statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        } finally {
            for (Socket socket : slowUploads) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> get("/api/v1/files", ML_VAL_ORGE_KEY).statusCode() == 200);
    }

    @Test
    void aPartnerRemovedFromConfigurationLosesItsKeyAndAKeyRotatesWithTwoActive() {
        Map<String, PartnerSettings> configured = new HashMap<>(partners.partners());
        configured.put("edge-rotating", settings("edge-new-key", "edge-old-key"));
        restartRegistry(configured);
        assertThat(get("/api/v1/files", "edge-new-key").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/files", "edge-old-key").statusCode()).isEqualTo(200);

        configured.put("edge-rotating", settings("edge-new-key", null));
        restartRegistry(configured);
        assertThat(get("/api/v1/files", "edge-new-key").statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/files", "edge-old-key").statusCode()).isEqualTo(401);

        restartRegistry(partners.partners());
        assertThat(get("/api/v1/files", "edge-new-key").statusCode()).isEqualTo(401);
        assertThat(jdbc.sql("select removed_at is not null from partner where id = 'edge-rotating'")
                .query(Boolean.class).single()).isTrue();
        assertThat(get("/api/v1/files", ML_VAL_ORGE_KEY).statusCode()).isEqualTo(200);
    }

    /** What a start of the hub does with the configured partners. */
    private void restartRegistry(Map<String, PartnerSettings> configured) {
        new PartnerRegistry(new PartnerProperties(configured), jdbc, transactions);
    }

    private static PartnerSettings settings(String apiKey, String previousApiKey) {
        return new PartnerSettings("Partenaire de passage", PartnerKind.ASSOCIATION, apiKey, null, List.of(), null,
                List.of(), previousApiKey, null);
    }

    private void assertHubHealthy() {
        HttpResponse<String> readiness = send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).GET());
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(get("/api/v1/files", PLIE_VAL_ORGE_KEY).statusCode()).isEqualTo(200);
    }

    /** Sends 1 MB more than the limit (20 MB), then waits, the body unfinished: the rest of the 30 MB never comes. */
    private static void sendChunks(OutputStream out, AtomicLong sent) {
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) ' ');
        byte[] head = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        try {
            while (sent.get() < 21L * 1024 * 1024) {
                out.write(head);
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                sent.addAndGet(chunk.length);
            }
            out.flush();
        } catch (IOException closed) {
            // The hub answered and closed the connection: exactly what is expected.
        }
    }

    /** The status line, headers and the start of the body, as received. */
    private static String readAnswer(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        StringBuilder answer = new StringBuilder();
        int n;
        while ((n = in.read(buffer)) > 0) {
            answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            if (answer.indexOf("}") > 0) {
                break;
            }
        }
        return answer.toString();
    }
}
