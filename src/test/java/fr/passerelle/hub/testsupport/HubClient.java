package fr.passerelle.hub.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/** The hub's HTTP API over real HTTP, as a partner (by API key) or the operator (HTTP Basic) calls it. */
public final class HubClient {

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public HubClient(int port) {
        this.port = port;
    }

    /** The client of a hub the test started itself. */
    public static HubClient of(ApplicationContext hub) {
        return new HubClient(((WebServerApplicationContext) hub).getWebServer().getPort());
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code apiKey} null sends no key. */
    public HttpResponse<String> get(String path, String apiKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return send(request);
    }

    /** {@code apiKey} null sends no key. */
    public HttpResponse<String> postJson(String path, String apiKey, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return send(request);
    }

    public HttpResponse<String> getAsOperator(String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", DemoCredentials.operatorBasicAuthorization()).GET());
    }

    public HttpResponse<String> postAsOperator(String path) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", DemoCredentials.operatorBasicAuthorization())
                .POST(HttpRequest.BodyPublishers.noBody()));
    }
}
