package fr.passerelle.hub.alert;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code passerelle.alerts}: what is watched and who is told. A partner's expected cadence is set with the partner
 * ({@code passerelle.partners.<id>.expected-cadence}).
 *
 * @param ignoredHealth health components never alerted on (e.g. the probes' own states)
 */
@ConfigurationProperties("passerelle.alerts")
public record AlertProperties(boolean enabled, Duration pollInterval, ErrorRate errorRate, List<String> ignoredHealth,
                              Notify notifications) {

    public AlertProperties {
        pollInterval = pollInterval == null ? Duration.ofMinutes(1) : pollInterval;
        errorRate = errorRate == null ? new ErrorRate(0.2, Duration.ofHours(1), 20) : errorRate;
        ignoredHealth = ignoredHealth == null ? List.of() : List.copyOf(ignoredHealth);
        notifications = notifications == null ? new Notify(10, List.of(), List.of(), null, 5) : notifications;
    }

    /**
     * A partner's errors over its records in the last {@code window} above {@code threshold} (0–1), once it sent at
     * least {@code minimumRecords} in that window.
     */
    public record ErrorRate(double threshold, Duration window, int minimumRecords) {
    }

    /**
     * @param maxPerHour  messages one recipient gets in an hour at most; the alert changes beyond wait for one summary
     * @param emails      addresses told by e-mail (through spring.mail)
     * @param webhooks    endpoints told by an HTTP POST signed like the handoff webhooks
     * @param from        the sender of alert e-mails; the handoff e-mails' sender when empty
     * @param maxAttempts a notification that failed this many times is given up (FAILED, shown on the console)
     */
    public record Notify(int maxPerHour, List<String> emails, List<Webhook> webhooks, String from, int maxAttempts) {
        public Notify {
            emails = emails == null ? List.of() : List.copyOf(emails);
            webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
            maxPerHour = Math.max(1, maxPerHour);
            maxAttempts = maxAttempts <= 0 ? 5 : maxAttempts;
        }
    }

    /** @param secret HMAC-SHA256 key of the {@code X-Passerelle-Signature} header */
    public record Webhook(String url, String secret) {
    }
}
