package fr.passerelle.hub.pull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * A GET to a partner's API with the hub's credentials, bounded in time and size. Plain Java: it reports what the
 * partner answered and classifies it; retrying is the route's business.
 */
class PartnerApiClient {

    private final HttpClient http;

    public PartnerApiClient(Duration connectTimeout) {
        // SECURITY: redirects are not followed, so the bearer token is only ever sent to the configured host.
        this.http = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** What the partner answered. {@code body} is whole unless {@code truncated}. */
    public record Answer(int status, String contentType, byte[] body, boolean truncated) {
    }

    public enum Verdict { OK, TRANSIENT, REJECTED }

    /**
     * 2xx is a page; 408, 429 and 5xx may pass (retry); anything else (401, 403, 404, 3xx…) will not pass by
     * retrying and is rejected.
     */
    public static Verdict classify(int status) {
        if (status >= 200 && status < 300) {
            return Verdict.OK;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return Verdict.TRANSIENT;
        }
        return Verdict.REJECTED;
    }

    /**
     * @throws TransientPullException when the partner cannot be reached or does not answer in time
     */
    public Answer get(URI uri, String bearerToken, Duration timeout, long maxBytes) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + bearerToken)
                .GET()
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                byte[] content = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                boolean truncated = content.length > maxBytes;
                return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                        truncated ? java.util.Arrays.copyOf(content, (int) maxBytes) : content, truncated);
            }
        } catch (HttpTimeoutException e) {
            throw new TransientPullException("DELAI_DEPASSE", "pas de réponse du partenaire dans le délai", e);
        } catch (IOException e) {
            throw new TransientPullException("RESEAU", "partenaire injoignable (" + e.getClass().getSimpleName() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientPullException("INTERROMPU", "appel interrompu", e);
        }
    }
}
