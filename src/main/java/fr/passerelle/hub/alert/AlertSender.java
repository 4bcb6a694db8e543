package fr.passerelle.hub.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.hub.alert.AlertNotifications.Owed;
import fr.passerelle.hub.alert.AlertNotifications.Recipient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends one message (one alert change, or a summary of several) to one recipient: an e-mail through the hub's mail
 * setup, or a JSON POST signed like the handoff webhooks ({@code X-Passerelle-Signature: sha256=<hex HMAC-SHA256
 * of the body>}). Alerts carry ids, counts and component names only, never personal data.
 */
@Component
class AlertSender {

    static final String SIGNATURE_HEADER = "X-Passerelle-Signature";

    private final ObjectProvider<JavaMailSender> mail;
    private final AlertProperties properties;
    private final ObjectMapper json;
    private final String from;
    private final String consoleUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    AlertSender(ObjectProvider<JavaMailSender> mail, AlertProperties properties, ObjectMapper json,
                @Value("${passerelle.handoffs.email.from:Passerelle <passerelle@localhost>}") String handoffSender,
                @Value("${passerelle.handoffs.referent-page.public-base-url:http://localhost:8080}") String baseUrl) {
        this.mail = mail;
        this.properties = properties;
        this.json = json;
        String configured = properties.notifications().from();
        this.from = configured == null || configured.isBlank() ? handoffSender : configured;
        this.consoleUrl = baseUrl + "/console/alerts";
    }

    /** Throws when the message could not be handed over; the caller counts the attempt. */
    void send(Recipient recipient, List<Owed> changes, UUID summaryId) throws Exception {
        switch (recipient.medium()) {
            case EMAIL -> email(recipient.address(), changes, summaryId);
            case WEBHOOK -> webhook(recipient.address(), changes, summaryId);
        }
    }

    private void email(String to, List<Owed> changes, UUID summaryId) {
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("no mail setup (spring.mail.host)");
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        if (summaryId == null && changes.size() == 1) {
            Owed one = changes.get(0);
            message.setSubject("[Passerelle] alerte " + (one.transition() == AlertNotifications.Transition.OPENED
                    ? "ouverte" : "résolue") + " : " + one.alert().title() + " — " + one.alert().subject());
        } else {
            message.setSubject("[Passerelle] " + changes.size() + " changements d'alerte (résumé)");
        }
        StringBuilder body = new StringBuilder();
        if (summaryId != null) {
            body.append("Limite de notifications par heure atteinte : voici les changements regroupés.\n\n");
        }
        for (Owed change : changes) {
            Alert alert = change.alert();
            body.append(change.transition() == AlertNotifications.Transition.OPENED ? "OUVERTE  " : "RÉSOLUE  ")
                    .append(alert.title()).append(" — ").append(alert.subject()).append('\n')
                    .append("  ").append(alert.detail()).append('\n')
                    .append("  ouverte ").append(alert.openedAt())
                    .append(alert.resolvedAt() == null ? "" : ", résolue " + alert.resolvedAt()).append('\n')
                    .append("  alerte ").append(alert.id()).append("\n\n");
        }
        body.append("Console : ").append(consoleUrl).append('\n');
        message.setText(body.toString());
        sender.send(message);
    }

    private void webhook(String url, List<Owed> changes, UUID summaryId) throws IOException, InterruptedException {
        String secret = properties.notifications().webhooks().stream().filter(w -> w.url().equals(url))
                .map(AlertProperties.Webhook::secret).findFirst()
                .orElseThrow(() -> new IllegalStateException("webhook no longer configured"));
        byte[] body = body(changes, summaryId);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header(SIGNATURE_HEADER, "sha256=" + sign(secret, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("webhook answered " + response.statusCode());
        }
    }

    private byte[] body(List<Owed> changes, UUID summaryId) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        if (summaryId != null) {
            body.put("summaryId", summaryId);
        }
        body.put("changes", changes.stream().map(change -> {
            Alert alert = change.alert();
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("alertId", alert.id());
            one.put("transition", change.transition().name());
            one.put("kind", alert.kind().name());
            one.put("subject", alert.subject());
            if (alert.partnerId() != null) {
                one.put("partnerId", alert.partnerId());
            }
            one.put("detail", alert.detail());
            one.put("openedAt", alert.openedAt().toString());
            if (alert.resolvedAt() != null) {
                one.put("resolvedAt", alert.resolvedAt().toString());
            }
            return one;
        }).toList());
        body.put("console", consoleUrl);
        return json.writeValueAsBytes(body);
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }
}
