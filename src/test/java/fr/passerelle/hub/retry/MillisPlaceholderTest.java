package fr.passerelle.hub.retry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MillisPlaceholderTest {

    @ParameterizedTest
    @CsvSource({"2s, 2000", "100ms, 100", "1m, 60000", "1h, 3600000", "PT2S, 2000", "1500, 1500"})
    void readsADurationAsSpringDoesAndGivesCamelMilliseconds(String duration, String millis) {
        assertThat(new MillisPlaceholder().apply(duration)).isEqualTo(millis);
    }
}
