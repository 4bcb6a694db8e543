package fr.passerelle.hub.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
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

    protected static byte[] sample(String relative) {
        try {
            return Files.readAllBytes(SAMPLES.resolve(relative));
        } catch (IOException e) {
            throw new IllegalStateException("sample " + relative + " unreadable", e);
        }
    }
}
