package fr.passerelle.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.passerelle.hub.canonical.Barrier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectoryMappingsTest {

    private static final DataInclusionSchema SCHEMA = new DataInclusionSchema(() -> LocalDate.of(2026, 12, 2));

    @Test
    void theTablesGiveKindsAgesAndTheThematiquesAnsweringEachBarrier() throws IOException {
        DirectoryMappings mappings = new DirectoryMappings("mapping-tables.yaml",
                Files.readString(Path.of("src/main/resources/directory/mapping-tables.yaml")), SCHEMA);
        assertThat(mappings.kindOf(List.of("mission-locale"))).isEqualTo(StructureKind.MISSION_LOCALE);
        assertThat(mappings.kindOf(List.of("ccas-cias"))).isEqualTo(StructureKind.SOCIAL_SERVICE);
        assertThat(mappings.kindOf(List.of())).isEqualTo(StructureKind.ASSOCIATION);
        assertThat(mappings.ageBandOf(List.of("jeunes"))).isEqualTo(new DirectoryMappings.AgeBand(16, 25));
        assertThat(mappings.ageBandOf(List.of("jeunes", "demandeurs-emploi"))).isNull();
        assertThat(mappings.answers(Barrier.LOGEMENT, List.of("logement-hebergement--louer-un-logement"))).isTrue();
        assertThat(mappings.answers(Barrier.LOGEMENT, List.of("mobilite--preparer-un-permis"))).isFalse();
        for (Barrier barrier : Barrier.values()) {
            assertThat(mappings.answers(barrier, List.copyOf(SCHEMA.values(DataInclusionResource.SERVICE,
                    "Thematique")))).as(barrier.name()).isTrue();
        }
    }

    @Test
    void aValueTheSchemaDoesNotKnowStopsStartUpNamingTheTable() {
        assertThatThrownBy(() -> new DirectoryMappings("m.yaml", "kinds: { mds: SOCIAL_SERVICE }\ndefault-kind: ASSOCIATION\n", SCHEMA))
                .isInstanceOf(InvalidDirectoryException.class).hasMessageContaining("m.yaml").hasMessageContaining("'mds'");
        assertThatThrownBy(() -> new DirectoryMappings("m.yaml", "default-kind: ASSOCIATION\nbarriers: { LOGEMENT: [logement] }\n", SCHEMA))
                .hasMessageContaining("barriers.LOGEMENT").hasMessageContaining("'logement'");
        assertThatThrownBy(() -> new DirectoryMappings("m.yaml", "default-kind: ASSOCIATION\nbarriers: { TRANSPORT: [mobilite] }\n", SCHEMA))
                .hasMessageContaining("'TRANSPORT'");
    }
}
