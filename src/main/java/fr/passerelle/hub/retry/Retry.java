package fr.passerelle.hub.retry;

import java.time.Duration;

/**
 * How the hub retries what failed for a transient reason, the same four keys wherever it retries (file-push routes,
 * pulled feeds, handoff delivery): {@code maximum-redeliveries} tries after the first one, the first of them
 * {@code initial-delay} after the failure, each next wait {@code multiplier} times the previous one, never longer than
 * {@code maximum-delay}.
 *
 * <p>Camel route configurations read the same keys through placeholders, durations through
 * {@code {{millis:…}}} ({@link MillisPlaceholder}): its redelivery options want milliseconds.
 */
public record Retry(Integer maximumRedeliveries, Duration initialDelay, Double multiplier, Duration maximumDelay) {

    public Retry {
        if (maximumRedeliveries == null || initialDelay == null || multiplier == null || maximumDelay == null) {
            throw new IllegalArgumentException(
                    "a retry setting needs maximum-redeliveries, initial-delay, multiplier and maximum-delay");
        }
        if (maximumRedeliveries < 0 || initialDelay.isNegative() || multiplier < 1 || maximumDelay.isNegative()) {
            throw new IllegalArgumentException("a retry setting needs maximum-redeliveries >= 0, multiplier >= 1 and "
                    + "delays >= 0");
        }
    }

    /** Whether a failure after this many attempts (the first one included) is the last one allowed. */
    public boolean exhaustedAfter(int attempts) {
        return attempts > maximumRedeliveries;
    }

    /** Wait before redelivery {@code n} (1 for the first retry, after the first failure). */
    public Duration delayBefore(int n) {
        double millis = initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, n - 1));
        return millis >= maximumDelay.toMillis() ? maximumDelay : Duration.ofMillis((long) millis);
    }
}
