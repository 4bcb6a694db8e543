package fr.passerelle.hub.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole hub on a random port with its own embedded PostgreSQL; tests talk to it over real HTTP. Subclasses
 * sharing this configuration share one Spring context (and one database), so each test uses its own data. A class
 * that counts rows, or loads a lot, gets a hub of its own with
 * {@code @TestPropertySource(properties = "passerelle.test.isolated-context=<name>")} and
 * {@code @DirtiesContext(classMode = AFTER_CLASS)}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class HubIntegrationTest {

    /** The partner samples of ../shared/samples, copied unchanged so a clean clone carries them. */
    public static final Path SAMPLES = Path.of("src", "test", "resources", "samples");

    private static final ObjectMapper TEST_JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    protected int port;

    protected URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> postJson(String path, String apiKey, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return send(request);
    }

    protected HttpResponse<String> get(String path, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return send(request);
    }

    /**
     * Posts AILE's first sample as a new person — its own reference, no NIR and no France Travail id, so it matches
     * nobody — after {@code tweak} has set the person's details; returns the beneficiary it was attached to.
     */
    protected String referNewPersonAsAile(Consumer<ObjectNode> tweak) {
        try {
            ObjectNode referral = (ObjectNode) TEST_JSON.readTree(sample("aile/valid/AILE-20261120-001.json"));
            referral.put("reference", "AILE-TEST-" + UUID.randomUUID());
            ObjectNode person = (ObjectNode) referral.get("beneficiary");
            person.putNull("nir");
            person.putNull("franceTravailId");
            tweak.accept(referral);
            HttpResponse<String> created = postJson("/api/v1/referrals", "demo-aile-key", TEST_JSON.writeValueAsBytes(referral));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
            String referralId = TEST_JSON.readTree(created.body()).get("referralId").asText();
            return TEST_JSON.readTree(get("/api/v1/referrals/" + referralId, "demo-aile-key").body())
                    .get("beneficiaryId").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static byte[] sample(String relative) {
        try {
            return Files.readAllBytes(SAMPLES.resolve(relative));
        } catch (IOException e) {
            throw new IllegalStateException("sample " + relative + " unreadable", e);
        }
    }
}
