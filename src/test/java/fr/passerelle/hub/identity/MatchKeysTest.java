package fr.passerelle.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.canonical.Sex;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MatchKeysTest {

    private static PersonVariant person(String lastName, String firstNames, String birthDate) {
        return new PersonVariant(lastName, null, firstNames, LocalDate.parse(birthDate), Sex.F, "91100", null, null,
                List.of(), null, null);
    }

    private static boolean shareAKey(PersonVariant stored, PersonVariant incoming) {
        Set<String> common = new HashSet<>(MatchKeys.stored(stored));
        common.retainAll(MatchKeys.lookup(incoming));
        return !common.isEmpty();
    }

    @Test
    void aTypoInTheLastNameIsFoundThroughFirstNameAndBirthDate() {
        assertThat(shareAKey(person("LEFEVRE", "MOUSSA", "2005-07-04"), person("LEEFEVRE", "MOUSSA", "2005-07-04"))).isTrue();
    }

    @Test
    void aTypoInTheFirstNameIsFoundThroughLastNameAndBirthDate() {
        assertThat(shareAKey(person("GIRAUD", "GAELLE", "1983-11-22"), person("GIRAUD", "GEALLE", "1983-11-22"))).isTrue();
    }

    @Test
    void aSwappedDayAndMonthIsFound() {
        assertThat(shareAKey(person("LUCAS", "NOEL", "1993-09-05"), person("LUCAS", "NOEL", "1993-05-09"))).isTrue();
    }

    @Test
    void aWrongDayIsFoundThroughNamesAndBirthYear() {
        assertThat(shareAKey(person("LUCAS", "NOEL", "1993-09-05"), person("LUCAS", "NOEL", "1993-09-15"))).isTrue();
    }

    @Test
    void strangersShareNoKey() {
        assertThat(shareAKey(person("LUCAS", "NOEL", "1993-09-05"), person("GIRAUD", "GAELLE", "1983-11-22"))).isFalse();
    }
}
