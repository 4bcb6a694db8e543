package fr.passerelle.hub.handoff;

import fr.passerelle.hub.retry.Retry;
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
        dispatch = dispatch == null ? new Dispatch(null, null, null, null, null) : dispatch;
        webhook = webhook == null ? new Webhook(null, null) : webhook;
        webhooks = webhooks == null ? Map.of() : Map.copyOf(webhooks);
    }

    /**
     * @param retry        a failed delivery is tried again after a growing wait; after the last redelivery the
     *                     handoff is PARKED for an operator
     * @param claimLease   a claimed handoff is tried again after this if its delivery never reported back (crash)
     * @param parallelism  deliveries in flight at once; a slow recipient holds one worker, never the others
     *                     (the tick itself, {@code poll-interval}, is read by routes/handoff-dispatch.yaml)
     * @param perRecipient deliveries in flight at once to one recipient endpoint (partner and channel)
     */
    public record Dispatch(Retry retry, Duration claimLease, Integer parallelism, Integer batchSize,
                           Integer perRecipient) {

        public Dispatch {
            retry = retry == null ? new Retry(7, Duration.ofSeconds(30), 2.0, Duration.ofHours(1)) : retry;
            claimLease = claimLease == null ? Duration.ofMinutes(5) : claimLease;
            parallelism = parallelism == null ? 8 : parallelism;
            batchSize = batchSize == null ? 50 : batchSize;
            perRecipient = perRecipient == null ? 2 : perRecipient;
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
