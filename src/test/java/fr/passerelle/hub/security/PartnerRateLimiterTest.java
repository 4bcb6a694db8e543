package fr.passerelle.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PartnerRateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final PartnerRateLimiter limiter = new PartnerRateLimiter(60, 3, now::get);

    @Test
    void allowsABurstThenSaysHowLongToWait() {
        assertThat(limiter.acquire("aile")).isZero();
        assertThat(limiter.acquire("aile")).isZero();
        assertThat(limiter.acquire("aile")).isZero();
        assertThat(limiter.acquire("aile")).isEqualTo(1);
    }

    @Test
    void refillsAtTheConfiguredRate() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("aile");
        }
        now.addAndGet(1_000_000_000L);
        assertThat(limiter.acquire("aile")).isZero();
        assertThat(limiter.acquire("aile")).isEqualTo(1);
        now.addAndGet(60_000_000_000L);
        assertThat(limiter.acquire("aile")).isZero();
        assertThat(limiter.acquire("aile")).isZero();
        assertThat(limiter.acquire("aile")).isZero();
        assertThat(limiter.acquire("aile")).isEqualTo(1);
    }

    @Test
    void oneRunawayPartnerNeverStarvesAnother() {
        for (int i = 0; i < 10; i++) {
            limiter.acquire("aile");
        }
        assertThat(limiter.acquire("ruche-itineraire")).isZero();
    }
}
