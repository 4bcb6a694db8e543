package fr.passerelle.hub.beneficiary;

import fr.passerelle.hub.canonical.NameFolding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameFoldingTest {

    @Test
    void foldsAccentsCaseApostrophesAndHyphens() {
        assertThat(NameFolding.fold("D'Almeida")).isEqualTo(NameFolding.fold("D ALMEIDA")).isEqualTo("D ALMEIDA");
        assertThat(NameFolding.fold("Jean-Baptiste")).isEqualTo("JEAN BAPTISTE");
        assertThat(NameFolding.fold("  Hélène   Çağlar ")).isEqualTo("HELENE CAGLAR");
        assertThat(NameFolding.fold("Lætitia Œuvrard")).isEqualTo("LAETITIA OEUVRARD");
    }

    @Test
    void foldsHeadersAlikeWhateverTheirAccents() {
        assertThat(NameFolding.fold("Date de naissance")).isEqualTo(NameFolding.fold("DATE DE NAISSANCE"));
        assertThat(NameFolding.fold("Prénom")).isEqualTo(NameFolding.fold("prenom"));
    }

    @Test
    void foldsNothingToNull() {
        assertThat(NameFolding.fold(null)).isNull();
        assertThat(NameFolding.fold(" - ' ")).isNull();
    }
}
