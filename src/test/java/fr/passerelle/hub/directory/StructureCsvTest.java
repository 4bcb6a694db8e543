package fr.passerelle.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StructureCsvTest {

    private static final Set<String> PARTNERS = Set.of("ml-val-orge", "plie-val-orge", "ft-91", "aile",
            "ruche-itineraire", "cd91-social");
    private static final String HEADER = String.join(";", StructureCsv.COLUMNS) + "\n";

    @Test
    void theEssonneFileCoversEveryDemoPostalCodeWithASocialServiceAndAFranceTravailAgency() throws IOException {
        Path file = Path.of("src/main/resources/directory/structures-essonne.csv");
        List<StructureCsv.Line> lines = StructureCsv.parse(file.toString(), Files.readString(file), PARTNERS);
        for (String postalCode : List.of("91100", "91220", "91240", "91350", "91360", "91390", "91310", "91700",
                "91170", "91200", "91130", "91180")) {
            assertThat(lines).as(postalCode + " social service").anyMatch(line ->
                    line.structure().kind() == StructureKind.SOCIAL_SERVICE && line.structure().covers(postalCode, null));
            assertThat(lines).as(postalCode + " France Travail").anyMatch(line ->
                    line.structure().kind() == StructureKind.FRANCE_TRAVAIL && line.structure().covers(postalCode, null));
        }
        Structure missionLocale = lines.stream().map(StructureCsv.Line::structure)
                .filter(structure -> structure.id().equals("ml-val-orge")).findFirst().orElseThrow();
        assertThat(missionLocale.acceptsAge(24)).isTrue();
        assertThat(missionLocale.acceptsAge(26)).isFalse();
        assertThat(lines).anyMatch(line -> line.contact() != null
                && line.contact().role().equals("TERRITORY_COORDINATOR"));
    }

    @Test
    void unknownPartnerNamesTheLine() {
        String csv = HEADER + "x-1;X;MISSION_LOCALE;nobody;;91100;;;;;;;;;;;;\n";
        assertThatThrownBy(() -> StructureCsv.parse("structures.csv", csv, PARTNERS))
                .isInstanceOf(InvalidDirectoryException.class)
                .hasMessageContaining("structures.csv line 2").hasMessageContaining("nobody");
    }

    @Test
    void malformedPostalCodeAndInvertedAgeBandAreRefused() {
        assertThatThrownBy(() -> StructureCsv.parse("s.csv", HEADER + "x-1;X;PLIE;;;9110;;;;;;;;;;;;\n", PARTNERS))
                .hasMessageContaining("9110");
        assertThatThrownBy(() -> StructureCsv.parse("s.csv", HEADER + "x-1;X;PLIE;;;;;30;20;;;;;;;;;\n", PARTNERS))
                .hasMessageContaining("age_min");
    }

    @Test
    void missingColumnIsRefused() {
        assertThatThrownBy(() -> StructureCsv.parse("s.csv", "id;nom\nx;X\n", PARTNERS))
                .hasMessageContaining("missing column");
    }
}
