package fr.passerelle.hub.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HandoffBackoffTest {

    @Test
    void backOffDoublesFromTheInitialWaitUpToTheCeiling() {
        HandoffProperties.Dispatch dispatch = new HandoffProperties.Dispatch(8, Duration.ofSeconds(30), 2.0,
                Duration.ofMinutes(5), null, null, null, null);
        assertThat(dispatch.backoffAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(dispatch.backoffAfter(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(dispatch.backoffAfter(3)).isEqualTo(Duration.ofSeconds(120));
        assertThat(dispatch.backoffAfter(5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(dispatch.backoffAfter(60)).isEqualTo(Duration.ofMinutes(5));
    }
}
