package fr.passerelle.hub.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per partner: {@code burst} tokens, refilled at {@code requestsPerMinute}. Plain Java; one instance
 * per hub (several hubs behind one address each count their own share).
 */
final class PartnerRateLimiter {

    private final double tokensPerNano;
    private final double burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    PartnerRateLimiter(int requestsPerMinute, int burst, LongSupplier nanoTime) {
        this.tokensPerNano = requestsPerMinute / 60e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
    }

    /** Takes one token; when there is none, the seconds until there is (at least 1), else 0. */
    long acquire(String partnerId) {
        Bucket bucket = buckets.computeIfAbsent(partnerId, id -> new Bucket(burst, nanoTime.getAsLong()));
        synchronized (bucket) {
            long now = nanoTime.getAsLong();
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * tokensPerNano);
            bucket.at = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - bucket.tokens) / tokensPerNano / 1e9));
        }
    }

    private static final class Bucket {
        private double tokens;
        private long at;

        private Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.at = at;
        }
    }
}
