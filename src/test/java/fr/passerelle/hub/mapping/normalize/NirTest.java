package fr.passerelle.hub.mapping.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NirTest {

    private final Nir nir = new Nir();

    @Test
    void acceptsAFifteenDigitNirWhoseKeyChecks() {
        assertThat(Nir.normalize("170119403521472")).contains("170119403521472");
        assertThat(nir.apply(List.of("1 70 11 94 035 214 72"), Map.of())).isEqualTo(Normalized.value("170119403521472"));
    }

    @Test
    void acceptsAThirteenDigitNirWithoutKey() {
        assertThat(Nir.normalize("1701194035214")).contains("1701194035214");
    }

    @Test
    void countsCorsicanDepartmentsAsNineteenAndEighteenInTheKey() {
        assertThat(Nir.normalize("193092A07895670")).contains("193092A07895670");
        assertThat(Nir.normalize("185052B12345660")).contains("185052B12345660");
        assertThat(Nir.normalize("185052B12345661")).isEmpty();
        assertThat(nir.apply(List.of("193092a07895670"), Map.of())).isEqualTo(Normalized.value("193092A07895670"));
    }

    @Test
    void dropsANirWithAWrongKeyWithAWarning() {
        Normalized result = nir.apply(List.of("193092A07895600"), Map.of());

        assertThat(result).isInstanceOf(Normalized.Dropped.class);
        assertThat(((Normalized.Dropped) result).problem().message()).contains("clé de contrôle");
    }

    @Test
    void dropsAMalformedNirWithAWarning() {
        assertThat(nir.apply(List.of("12345"), Map.of())).isInstanceOf(Normalized.Dropped.class);
        assertThat(nir.apply(List.of("470119403521472"), Map.of())).isInstanceOf(Normalized.Dropped.class);
    }
}
