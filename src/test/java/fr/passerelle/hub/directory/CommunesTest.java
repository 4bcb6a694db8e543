package fr.passerelle.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommunesTest {

    private static final Communes ESSONNE = essonne();

    @Test
    void nameTellsApartTheCommunesSharingAPostalCode() {
        Whereabouts bretigny = ESSONNE.locate("91220", "BRETIGNY SUR ORGE", null);
        assertThat(bretigny.basis()).isEqualTo(Whereabouts.Basis.POSTAL_CODE_AND_NAME);
        assertThat(bretigny.commune().inseeCode()).isEqualTo("91103");
        assertThat(ESSONNE.locate("91220", "Le Plessis-Pâté", null).commune().inseeCode()).isEqualTo("91494");
        assertThat(ESSONNE.locate("91240", "St Michel sur Orge", null).commune().inseeCode()).isEqualTo("91570");
    }

    @Test
    void withoutAMatchingNameEveryCommuneOfThePostalCodeIsACandidate() {
        Whereabouts unsure = ESSONNE.locate("91700", "Corbeil-Essonnes", null);
        assertThat(unsure.basis()).isEqualTo(Whereabouts.Basis.POSTAL_CODE);
        assertThat(unsure.commune()).isNull();
        assertThat(unsure.candidates()).extracting(Commune::inseeCode)
                .containsExactlyInAnyOrder("91549", "91685", "91235");
        assertThat(unsure.describe()).startsWith("le code postal 91700 : ");
    }

    @Test
    void inseeCodeOfTheAddressWinsAndCarriesEpciAndDepartement() {
        Whereabouts grigny = ESSONNE.locate("91100", "Corbeil-Essonnes", "91286");
        assertThat(grigny.basis()).isEqualTo(Whereabouts.Basis.INSEE_CODE);
        assertThat(grigny.commune().name()).isEqualTo("Grigny");
        assertThat(grigny.commune().epci()).isEqualTo("200059228");
        assertThat(grigny.commune().departement()).isEqualTo("91");
    }

    @Test
    void unknownPostalCodeLocatesNothing() {
        assertThat(ESSONNE.locate("75011", "Paris", null).candidates()).isEmpty();
    }

    @Test
    void aBrokenLineNamesTheFileAndTheLine() {
        assertThatThrownBy(() -> new Communes("communes.csv", String.join(";", Communes.COLUMNS)
                + "\n91286;Grigny;9135;200059228;91\n"))
                .isInstanceOf(InvalidDirectoryException.class).hasMessageContaining("communes.csv line 2");
    }

    private static Communes essonne() {
        try {
            return new Communes("communes-essonne.csv",
                    Files.readString(Path.of("src/main/resources/directory/communes-essonne.csv")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
