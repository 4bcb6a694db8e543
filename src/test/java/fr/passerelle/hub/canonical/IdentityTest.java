package fr.passerelle.hub.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Identifier hygiene: a NIR is used to recognise a person only when it agrees with what is declared beside it. */
class IdentityTest {

    private static final LocalDate BORN = LocalDate.of(1993, 9, 5);

    @Test
    void aNirAgreesWithTheSexYearAndMonthItEncodes() {
        assertThat(man("193092A07895670").nirAgrees()).isTrue();
        assertThat(new Identity("LUCAS", null, "NOEL", null, null, "193092A07895670").nirAgrees()).isTrue();
    }

    @Test
    void aNirOfTheOtherSexOrAnotherYearOrMonthDoesNotAgree() {
        assertThat(man("293092A07895670").nirAgrees()).as("sex digit 2 for a man").isFalse();
        assertThat(man("194092A07895670").nirAgrees()).as("born in 1994").isFalse();
        assertThat(man("193102A07895670").nirAgrees()).as("born in October").isFalse();
    }

    @Test
    void partsTheNirLeavesUnknownAgreeWithAnything() {
        assertThat(man("193992A07895670").nirAgrees()).as("month unknown (99)").isTrue();
        assertThat(man("793092A07895670").nirAgrees()).as("temporary number").isTrue();
        assertThat(man(null).nirAgrees()).isTrue();
    }

    private static Identity man(String nir) {
        return new Identity("LUCAS", null, "NOEL", BORN, Sex.M, nir);
    }
}
