package fr.passerelle.hub.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.retry.Retry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HandoffBackoffTest {

    @Test
    void withoutSettingsAHandoffIsTriedEightTimesWaitingThirtySecondsThenTwiceAsLongEachTime() {
        Retry retry = new HandoffProperties(null, null, null, null).dispatch().retry();

        assertThat(retry.exhaustedAfter(7)).isFalse();
        assertThat(retry.exhaustedAfter(8)).isTrue();
        assertThat(retry.delayBefore(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(retry.delayBefore(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(retry.delayBefore(7)).isEqualTo(Duration.ofMinutes(32));
        assertThat(retry.delayBefore(8)).isEqualTo(Duration.ofHours(1));
    }
}
