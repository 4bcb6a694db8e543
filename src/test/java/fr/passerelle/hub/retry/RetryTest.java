package fr.passerelle.hub.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryTest {

    @Test
    void waitsMultiplyFromTheInitialDelayUpToTheCeiling() {
        Retry retry = new Retry(7, Duration.ofSeconds(30), 2.0, Duration.ofMinutes(5));

        assertThat(retry.delayBefore(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(retry.delayBefore(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(retry.delayBefore(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(retry.delayBefore(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(retry.delayBefore(60)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void givesUpAfterTheFirstAttemptAndItsRedeliveries() {
        Retry retry = new Retry(2, Duration.ofMillis(100), 2.0, Duration.ofMillis(400));

        assertThat(retry.exhaustedAfter(1)).isFalse();
        assertThat(retry.exhaustedAfter(2)).isFalse();
        assertThat(retry.exhaustedAfter(3)).isTrue();
    }

    @Test
    void refusesAnIncompleteOrImpossibleSetting() {
        assertThatThrownBy(() -> new Retry(5, Duration.ofSeconds(1), null, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> new Retry(5, Duration.ofSeconds(1), 0.5, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
