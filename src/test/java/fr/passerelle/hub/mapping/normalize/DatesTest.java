package fr.passerelle.hub.mapping.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatesTest {

    private final Dates dates = new Dates();

    @Test
    void rejectsTheThirtyFirstOfFebruaryInsteadOfRollingItOver() {
        Normalized result = dates.apply(List.of("31/02/1990"), Map.of("patterns", List.of("dd/MM/yyyy")));

        assertThat(result).isInstanceOf(Normalized.Rejected.class);
        assertThat(((Normalized.Rejected) result).problem().message()).contains("31/02/1990");
    }

    @Test
    void readsExcelSerialNumbers() {
        assertThat(dates.apply(List.of("45000"), Map.of("patterns", List.of("excel-serial"))))
                .isEqualTo(Normalized.value(LocalDate.of(2023, 3, 15)));
        assertThat(dates.apply(List.of("45000.75"), Map.of("patterns", List.of("excel-serial"))))
                .isEqualTo(Normalized.value(LocalDate.of(2023, 3, 15)));
    }

    @Test
    void triesEveryDeclaredPatternInOrder() {
        Map<String, Object> options = Map.of("patterns", List.of("excel-serial", "dd/MM/yyyy"));

        assertThat(dates.apply(List.of("17/05/1990"), options)).isEqualTo(Normalized.value(LocalDate.of(1990, 5, 17)));
    }

    @Test
    void readsDatabaseTimestamps() {
        assertThat(dates.apply(List.of("1993-09-05 00:00:00.0"), Map.of("patterns", List.of("yyyy-MM-dd HH:mm:ss.S"))))
                .isEqualTo(Normalized.value(LocalDate.of(1993, 9, 5)));
    }

    @Test
    void refusesAMappingWithoutPatterns() {
        assertThatThrownBy(() -> dates.checkOptions(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
