package fr.passerelle.hub.mapping.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A France Travail id is 7 digits and a digit or a letter, or the 11 digits of the older numbering. */
class FranceTravailIdTest {

    private final Normalizer franceTravailId = Normalizers.byName("franceTravailId").orElseThrow();

    @Test
    void takesEightCharactersAndElevenDigits() {
        assertThat(franceTravailId.apply(List.of("0657788e"), Map.of())).isEqualTo(Normalized.value("0657788E"));
        assertThat(franceTravailId.apply(List.of("72753673"), Map.of())).isEqualTo(Normalized.value("72753673"));
        assertThat(franceTravailId.apply(List.of("123 4567 8901"), Map.of())).isEqualTo(Normalized.value("12345678901"));
    }

    @Test
    void dropsAnyOtherShapeWithAWarning() {
        for (String wrong : List.of("065778", "ABCDEFGH", "065778EE", "1234567890")) {
            assertThat(franceTravailId.apply(List.of(wrong), Map.of())).as(wrong).isInstanceOf(Normalized.Dropped.class);
        }
    }
}
