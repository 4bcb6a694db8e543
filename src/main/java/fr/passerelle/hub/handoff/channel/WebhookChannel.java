package fr.passerelle.hub.handoff.channel;

import fr.passerelle.hub.handoff.Handoff;
import fr.passerelle.hub.handoff.HandoffProperties;
import fr.passerelle.hub.partner.Channel;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Webhook delivery: the handoff as JSON, POSTed to the partner's URL with
 * {@code X-Passerelle-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes>} under the partner's secret, and
 * {@code X-Passerelle-Handoff-Id} for de-duplication. Any 2xx means delivered.
 */
@Component
public class WebhookChannel implements HandoffChannel {

    public static final String SIGNATURE_HEADER = "X-Passerelle-Signature";

    private final HandoffProperties properties;
    private final HttpClient http;

    public WebhookChannel(HandoffProperties properties) {
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.webhook().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Channel channel() {
        return Channel.WEBHOOK;
    }

    @Override
    public void deliver(Handoff handoff) throws DeliveryException {
        HandoffProperties.WebhookTarget target = properties.webhooks().get(handoff.recipientPartnerId());
        if (target == null || target.url() == null || target.url().isBlank() || target.secret() == null) {
            throw new DeliveryException("WEBHOOK_NON_CONFIGURE", "no webhook url or secret for partner "
                    + handoff.recipientPartnerId());
        }
        byte[] body = handoff.payload().toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(target.url()))
                    .timeout(properties.webhook().requestTimeout())
                    .header("Content-Type", "application/json")
                    .header(HANDOFF_ID_HEADER, handoff.id().toString())
                    .header(SIGNATURE_HEADER, "sha256=" + sign(target.secret(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new DeliveryException("WEBHOOK_URL_INVALIDE", "invalid webhook url for " + handoff.recipientPartnerId());
        }
        HttpResponse<Void> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
        } catch (HttpTimeoutException e) {
            throw new DeliveryException("DELAI_DEPASSE", "no answer within " + properties.webhook().requestTimeout(), e);
        } catch (ConnectException e) {
            throw new DeliveryException("CONNEXION_REFUSEE", "connection refused", e);
        } catch (IOException e) {
            throw new DeliveryException("ERREUR_RESEAU", e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("INTERROMPU", "interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryException("HTTP_" + response.statusCode(), "webhook answered " + response.statusCode());
        }
    }

    /** Hex HMAC-SHA256 of the body under the secret; receivers recompute it over the raw bytes they received. */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
