package fr.passerelle.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LocalDirectoryTest {

    private static final Set<String> PARTNERS = Set.of("ml-val-orge", "plie-val-orge", "ft-91", "aile",
            "ruche-itineraire", "cd91-social");

    @Test
    void theEssonneLayerNamesEveryNetworkPartnerAndFillsFranceTravailsMissingEmails() throws IOException {
        LocalDirectory local = new LocalDirectory("local-essonne.yaml",
                Files.readString(Path.of("src/main/resources/directory/local-essonne.yaml")), PARTNERS);
        assertThat(local.structures()).extracting(LocalDirectory.LocalStructure::partnerId).containsAll(PARTNERS);
        assertThat(local.byDataInclusionId("demo-essonne--ft-91027")).hasValueSatisfying(agency -> {
            assertThat(agency.id()).isEqualTo("ft-91027");
            assertThat(agency.email()).isEqualTo("ape.91027@francetravail.example.fr");
            assertThat(agency.safirCode()).isEqualTo("91027");
        });
        assertThat(local.byDataInclusionId("demo-essonne--coord-val-orge").orElseThrow().referents())
                .singleElement().satisfies(referent -> assertThat(referent.role()).isEqualTo("TERRITORY_COORDINATOR"));
    }

    @Test
    void mistakesNameTheFileAndTheEntry() {
        assertThatThrownBy(() -> new LocalDirectory("l.yaml", """
                structures:
                  ml-a: { data-inclusion-id: x--1 }
                  ml-b: { data-inclusion-id: x--1 }
                """, PARTNERS)).isInstanceOf(InvalidDirectoryException.class)
                .hasMessageContaining("l.yaml").hasMessageContaining("structure 'ml-b'").hasMessageContaining("x--1");
        assertThatThrownBy(() -> new LocalDirectory("l.yaml", """
                structures:
                  ml-a: { data-inclusion-id: x--1, courriel: a@b.fr }
                """, PARTNERS)).hasMessageContaining("unknown key 'courriel'");
        assertThatThrownBy(() -> new LocalDirectory("l.yaml", """
                structures:
                  ml-a: { data-inclusion-id: x--1, kind: MDS }
                """, PARTNERS)).hasMessageContaining("kind 'MDS'");
    }
}
