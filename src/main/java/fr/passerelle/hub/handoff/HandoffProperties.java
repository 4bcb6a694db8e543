package fr.passerelle.hub.handoff;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code passerelle.handoffs}: where the rules live, how the dispatcher retries, and each webhook partner's URL and
 * secret.
 *
 * @param rules    the rules file; a {@code file:} location missing on disk falls back to the copy packaged in the
 *                 jar ({@code classpath:routes/rules/handoffs.yaml})
 * @param webhooks per partner id: where to POST and the HMAC secret
 */
@ConfigurationProperties("passerelle.handoffs")
public record HandoffProperties(String rules, Dispatch dispatch, Webhook webhook, Map<String, WebhookTarget> webhooks) {

    public HandoffProperties {
        rules = rules == null ? "file:routes/rules/handoffs.yaml" : rules;
        dispatch = dispatch == null ? new Dispatch(null, null, null, null, null, null, null, null) : dispatch;
        webhook = webhook == null ? new Webhook(null, null) : webhook;
        webhooks = webhooks == null ? Map.of() : Map.copyOf(webhooks);
    }

    /**
     * @param maxAttempts    delivery attempts before a handoff is PARKED for an operator
     * @param initialBackoff wait after the first failure; each further failure multiplies it by {@code multiplier}
     * @param claimLease     a claimed handoff is tried again after this if its delivery never reported back (crash)
     * @param parallelism    deliveries in flight at once; a slow recipient holds one worker, never the others
     *                       (the tick itself, {@code poll-interval-ms}, is read by routes/handoff-dispatch.yaml)
     * @param perRecipient   deliveries in flight at once to one recipient endpoint (partner and channel)
     */
    public record Dispatch(Integer maxAttempts, Duration initialBackoff, Double multiplier, Duration maxBackoff,
                           Duration claimLease, Integer parallelism, Integer batchSize, Integer perRecipient) {

        public Dispatch {
            maxAttempts = maxAttempts == null ? 8 : maxAttempts;
            initialBackoff = initialBackoff == null ? Duration.ofSeconds(30) : initialBackoff;
            multiplier = multiplier == null ? 2.0 : multiplier;
            maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
            claimLease = claimLease == null ? Duration.ofMinutes(5) : claimLease;
            parallelism = parallelism == null ? 8 : parallelism;
            batchSize = batchSize == null ? 50 : batchSize;
            perRecipient = perRecipient == null ? 2 : perRecipient;
        }

        /** Wait before attempt {@code attempts + 1}, after {@code attempts} failures. */
        public Duration backoffAfter(int attempts) {
            double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempts - 1));
            return millis >= maxBackoff.toMillis() ? maxBackoff : Duration.ofMillis((long) millis);
        }
    }

    public record Webhook(Duration connectTimeout, Duration requestTimeout) {

        public Webhook {
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
            requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
        }
    }

    public record WebhookTarget(String url, String secret) {
    }
}
