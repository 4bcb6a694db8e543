package fr.passerelle.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataInclusionSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DataInclusionSchema SCHEMA = new DataInclusionSchema(() -> LocalDate.of(2026, 12, 2));

    @Test
    void everyRecordOfTheDemoDirectoryIsValidInTheSchema() throws IOException {
        for (DataInclusionResource resource : DataInclusionResource.values()) {
            Path file = Path.of("src/main/resources/directory/data-inclusion/essonne-"
                    + (resource == DataInclusionResource.STRUCTURE ? "structures" : "services") + ".json");
            List<JsonNode> records = DataInclusionFiles.read(file.toString(), Files.readAllBytes(file),
                    SCHEMA.document(resource));
            assertThat(records).isNotEmpty();
            for (JsonNode record : records) {
                assertThat(SCHEMA.problems(resource, record)).as(record.get("id").asText()).isEmpty();
            }
        }
    }

    @Test
    void unknownReseauPorteurIsRefusedNamingTheFieldAndTheValue() {
        ObjectNode structure = structure();
        structure.putArray("reseaux_porteurs").add("mission-locale").add("mds");
        assertThat(SCHEMA.problems(DataInclusionResource.STRUCTURE, structure)).containsExactly(
                "reseaux_porteurs/1 : 'mds' n'est pas une valeur du référentiel data·inclusion");
    }

    @Test
    void missingIdIsRefused() {
        ObjectNode structure = structure();
        structure.remove("id");
        assertThat(SCHEMA.problems(DataInclusionResource.STRUCTURE, structure))
                .containsExactly("id : champ obligatoire absent");
    }

    @Test
    void malformedOptionalFieldsAreRefusedOnceEach() {
        ObjectNode structure = structure();
        structure.put("code_insee", "9128").put("courriel", "pas-un-courriel").put("siret", "123");
        assertThat(SCHEMA.problems(DataInclusionResource.STRUCTURE, structure))
                .anyMatch(problem -> problem.startsWith("code_insee : '9128'"))
                .anyMatch(problem -> problem.startsWith("courriel : 'pas-un-courriel'"))
                .anyMatch(problem -> problem.startsWith("siret : '123'"))
                .noneMatch(problem -> problem.contains("null expected"));
    }

    @Test
    void updateDateInTheFutureOrBefore2000IsRefused() {
        assertThat(SCHEMA.problems(DataInclusionResource.STRUCTURE, structure().put("date_maj", "2027-01-01")))
                .containsExactly("date_maj : 2027-01-01 est dans le futur");
        assertThat(SCHEMA.problems(DataInclusionResource.STRUCTURE, structure().put("date_maj", "1999-12-31")))
                .containsExactly("date_maj : 1999-12-31 est antérieure à 2000");
    }

    @Test
    void serviceNeedsItsStructureAndKnownThematiquesAndZoneCodes() {
        ObjectNode service = service();
        service.remove("structure_id");
        service.putArray("thematiques").add("logement-hebergement--louer-un-logement").add("logement--tout");
        service.putArray("zone_eligibilite").add("91286").add("Grigny");
        assertThat(SCHEMA.problems(DataInclusionResource.SERVICE, service))
                .contains("structure_id : champ obligatoire absent",
                        "thematiques/1 : 'logement--tout' n'est pas une valeur du référentiel data·inclusion")
                .anyMatch(problem -> problem.startsWith("zone_eligibilite/1"));
    }

    @Test
    void tousPublicsStandsAlone() {
        ObjectNode service = service();
        service.putArray("publics").add("tous-publics").add("jeunes");
        assertThat(SCHEMA.problems(DataInclusionResource.SERVICE, service))
                .containsExactly("publics : tous-publics ne se combine avec aucune autre valeur");
    }

    @Test
    void csvAsPublishedIsReadWithTheSchemasTypes() {
        String csv = """
                id,source,structure_id,nom,description,date_maj,thematiques,zone_eligibilite,publics
                di--1,di,di--s1,Accompagnement social,Un accompagnement.,2026-10-01,"[""sante--acces-aux-soins""]","91286,200059228",
                """;
        List<JsonNode> records = DataInclusionFiles.read("services.csv", csv.getBytes(StandardCharsets.UTF_8),
                SCHEMA.document(DataInclusionResource.SERVICE));
        assertThat(records).hasSize(1);
        JsonNode service = records.get(0);
        assertThat(service.get("thematiques").get(0).asText()).isEqualTo("sante--acces-aux-soins");
        assertThat(service.get("zone_eligibilite")).hasSize(2);
        assertThat(service.has("publics")).isFalse();
        assertThat(SCHEMA.problems(DataInclusionResource.SERVICE, service)).isEmpty();
    }

    @Test
    void aFileThatIsNeitherJsonRecordsNorCsvIsRefusedAsAWhole() {
        assertThatThrownBy(() -> DataInclusionFiles.read("x.json", "{\"structures\": []}".getBytes(StandardCharsets.UTF_8),
                SCHEMA.document(DataInclusionResource.STRUCTURE)))
                .isInstanceOf(InvalidDirectoryException.class).hasMessageContaining("x.json");
        assertThatThrownBy(() -> DataInclusionFiles.read("x.csv", "nom;commune\nA;B\n".getBytes(StandardCharsets.UTF_8),
                SCHEMA.document(DataInclusionResource.STRUCTURE)))
                .isInstanceOf(InvalidDirectoryException.class).hasMessageContaining("no 'id'");
    }

    private static ObjectNode structure() {
        return JSON.createObjectNode().put("source", "di").put("id", "di--s1").put("nom", "MDS Grigny")
                .put("date_maj", "2026-10-01");
    }

    private static ObjectNode service() {
        return JSON.createObjectNode().put("source", "di").put("id", "di--1").put("structure_id", "di--s1")
                .put("nom", "Accompagnement social").put("description", "Un accompagnement.")
                .put("date_maj", "2026-10-01");
    }
}
