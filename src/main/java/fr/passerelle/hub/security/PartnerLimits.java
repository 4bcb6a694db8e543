package fr.passerelle.hub.security;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Optional;

/**
 * Per-partner limits on the REST API, kept by Resilience4j: a rate limiter (a partner's {@code burst} permits,
 * renewed every {@code burst / requests-per-minute} minutes) and a bulkhead (at most {@code max-concurrent} of its
 * requests inside the hub). One instance per hub: several hubs behind one address each count their own share.
 */
final class PartnerLimits {

    private final ApiRateLimitProperties properties;
    private final RateLimiterRegistry rates = RateLimiterRegistry.ofDefaults();
    private final BulkheadRegistry bulkheads;

    PartnerLimits(ApiRateLimitProperties properties) {
        this.properties = properties;
        this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(properties.bulkhead().maxConcurrent())
                // SECURITY: never queue: a waiting request would hold a server thread, which is what a bulkhead saves.
                .maxWaitDuration(Duration.ZERO)
                .build());
    }

    /** Takes one permit; when there is none, the seconds until there is one (at least 1), else 0. */
    long acquire(String partnerId) {
        RateLimiter limiter = rates.rateLimiter(partnerId, () -> config(properties.rateOf(partnerId)));
        if (limiter.acquirePermission()) {
            return 0;
        }
        long nanos = limiter instanceof AtomicRateLimiter atomic ? atomic.getDetailedMetrics().getNanosToWait() : 0;
        return Math.max(1, (long) Math.ceil(nanos / 1e9));
    }

    /** A place in the partner's bulkhead, to be released once its request is over; empty when all are taken. */
    Optional<Bulkhead> enter(String partnerId) {
        Bulkhead bulkhead = bulkheads.bulkhead(partnerId);
        return bulkhead.tryAcquirePermission() ? Optional.of(bulkhead) : Optional.empty();
    }

    private static RateLimiterConfig config(ApiRateLimitProperties.PartnerRate rate) {
        return RateLimiterConfig.custom()
                .limitForPeriod(rate.burst())
                .limitRefreshPeriod(Duration.ofNanos(Math.max(1_000_000L,
                        (long) (60e9 * rate.burst() / rate.requestsPerMinute()))))
                .timeoutDuration(Duration.ZERO)
                .build();
    }
}
