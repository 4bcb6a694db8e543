package fr.passerelle.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/** The directory on the data·inclusion standard, in a hub of its own: the demo files, then files of the test's making. */
@TestPropertySource(properties = "passerelle.test.isolated-context=data-inclusion-import")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DataInclusionImportIT extends HubIntegrationTest {

    @Autowired
    DataInclusionImport imports;
    @Autowired
    ReferentDirectory directory;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theDemoDirectoryCoversEveryDemoPostalCodeAndSaysWhereEachValueCameFrom() {
        for (String postalCode : List.of("91000", "91100", "91130", "91170", "91180", "91200", "91220", "91240",
                "91260", "91290", "91310", "91350", "91360", "91390", "91700")) {
            assertThat(directory.covering(StructureKind.SOCIAL_SERVICE, postalCode, null, 40)).as(postalCode)
                    .isNotEmpty();
            assertThat(directory.covering(StructureKind.FRANCE_TRAVAIL, postalCode, null, 40)).as(postalCode)
                    .isNotEmpty();
            assertThat(directory.covering(StructureKind.TERRITORY_COORDINATION, postalCode, null, null))
                    .as(postalCode).isNotEmpty();
        }
        Structure agency = directory.structure("ft-91027").orElseThrow();
        assertThat(agency.dataInclusionId()).isEqualTo("demo-essonne--ft-91027");
        assertThat(agency.email()).isEqualTo("ape.91027@francetravail.example.fr");
        assertThat(agency.sources()).containsEntry("name", "DATA_INCLUSION").containsEntry("kind", "DATA_INCLUSION")
                .containsEntry("email", "LOCAL").containsEntry("partner", "LOCAL");
        Structure missionLocale = directory.structure("ml-val-orge").orElseThrow();
        assertThat(missionLocale.kind()).isEqualTo(StructureKind.MISSION_LOCALE);
        assertThat(List.of(missionLocale.ageMin(), missionLocale.ageMax())).containsExactly(16, 25);
        assertThat(missionLocale.sources()).containsEntry("ages", "DATA_INCLUSION").containsEntry("email", "DATA_INCLUSION");
        assertThat(directory.structure("aile").orElseThrow().sources()).containsEntry("ages", "LOCAL");
        assertThat(directory.structure("coord-val-orge").orElseThrow().sources()).containsEntry("kind", "LOCAL");
        assertThat(directory.referents("coord-val-orge", "TERRITORY_COORDINATOR")).hasSize(1);

        List<Covering> grigny = directory.covering(StructureKind.SOCIAL_SERVICE, "91350", "Grigny", null, 40);
        assertThat(grigny.get(0).structure().id()).isEqualTo("cd91-mds-grigny");
        assertThat(grigny.get(0).coverage().serviceId()).isEqualTo("demo-essonne--mds-grigny-social");
        assertThat(grigny.get(0).explanation()).contains("la commune Grigny (INSEE 91286)");
        // The Département covers the whole département: the MDS of the commune is the more precise.
        assertThat(grigny).extracting(covering -> covering.structure().id()).contains("cd91-social");
    }

    @Test
    void theProgrammeIsPublishedAsDataInclusionRecordsWithTheReferralEntryPoint() {
        HttpResponse<String> services = send(HttpRequest.newBuilder(uri("/api/v1/directory/data-inclusion/services")).GET());
        assertThat(services.statusCode()).isEqualTo(200);
        JsonNode page = Json.read(services.body());
        assertThat(page.get("pages").asInt()).isEqualTo(1);
        assertThat(page.get("items")).singleElement().satisfies(service -> {
            assertThat(service.get("id").asText()).isEqualTo("demo-essonne--ruche-itineraire");
            assertThat(service.get("lien_mobilisation").asText()).endsWith("/api/v1/referrals");
            assertThat(service.get("modes_mobilisation").toString()).contains("utiliser-lien-mobilisation");
            assertThat(service.get("mobilisable_par").toString()).contains("professionnels");
            assertThat(new DataInclusionSchema().problems(DataInclusionResource.SERVICE, service)).isEmpty();
        });
        JsonNode structures = Json.read(send(HttpRequest.newBuilder(
                uri("/api/v1/directory/data-inclusion/structures")).GET()).body());
        assertThat(structures.get("items")).extracting(structure -> structure.get("id").asText())
                .containsExactly("demo-essonne--ruche-itineraire");
    }

    @Test
    void aBadRecordIsReportedWithItsReasonsAndSkippedTheRestIsImportedAndReimportChangesNothing() {
        byte[] file = """
                [
                  {"source": "test", "id": "test--ccas-ris", "nom": "CCAS de Ris-Orangis", "date_maj": "2026-09-01",
                   "code_insee": "91521", "reseaux_porteurs": ["ccas-cias"], "courriel": "ccas@ris.example.fr"},
                  {"source": "test", "id": "test--mds-x", "nom": "MDS X", "date_maj": "2026-09-01",
                   "reseaux_porteurs": ["mds"]},
                  {"source": "test", "nom": "Sans identifiant", "date_maj": "2026-09-01"}
                ]
                """.getBytes(StandardCharsets.UTF_8);
        ImportReport first = imports.importFile("test-structures.json", DataInclusionResource.STRUCTURE, file);
        assertThat(first.applied()).isEqualTo(1);
        assertThat(first.rejected()).extracting(ImportReport.Rejected::position).containsExactly(2, 3);
        assertThat(first.rejected().get(0).recordId()).isEqualTo("test--mds-x");
        assertThat(first.rejected().get(0).reasons()).containsExactly(
                "reseaux_porteurs/0 : 'mds' n'est pas une valeur du référentiel data·inclusion");
        assertThat(first.rejected().get(1).reasons()).containsExactly("id : champ obligatoire absent");
        List<Map<String, Object>> reported = jdbc.sql("""
                        select position, record_id from directory_import_rejection where origin = 'test-structures.json'
                        order by position""").query().listOfRows();
        assertThat(reported).extracting(row -> row.get("position")).containsExactly(2, 3);
        assertThat(jdbc.sql("select count(*) from directory_di_structure where id = 'test--mds-x'")
                .query(Integer.class).single()).isZero();

        Structure ccas = directory.structure("test--ccas-ris").orElseThrow();
        assertThat(ccas.kind()).isEqualTo(StructureKind.SOCIAL_SERVICE);
        assertThat(ccas.partnerId()).isNull();
        assertThat(ccas.coverage()).containsExactly(
                new Coverage(AreaKind.COMMUNE, "91521", "", "DATA_INCLUSION_STRUCTURE"));

        ImportReport again = imports.importFile("test-structures.json", DataInclusionResource.STRUCTURE, file);
        assertThat(again.applied()).isZero();
        assertThat(again.unchanged()).isEqualTo(1);
    }

    @Test
    void operatorsSeeEachValueWithItsSourceAndTheRefusedRecords() {
        imports.importFile("ops-structures.json", DataInclusionResource.STRUCTURE, """
                [{"source": "test", "nom": "Sans identifiant", "date_maj": "2026-09-01"}]
                """.getBytes(StandardCharsets.UTF_8));
        JsonNode structures = Json.read(getAsOperator("/api/v1/ops/directory/structures").body()).get("structures");
        JsonNode agency = null;
        for (JsonNode structure : structures) {
            if (structure.get("id").asText().equals("ft-91027")) {
                agency = structure;
            }
        }
        assertThat(agency).isNotNull();
        assertThat(agency.at("/sources/email").asText()).isEqualTo("LOCAL");
        assertThat(agency.at("/sources/name").asText()).isEqualTo("DATA_INCLUSION");
        assertThat(agency.at("/coverage/0/serviceId").asText()).isEqualTo("demo-essonne--ft-91027-accompagnement");

        JsonNode imports = Json.read(getAsOperator("/api/v1/ops/directory/imports").body());
        assertThat(imports.get("rejections")).anySatisfy(rejection -> {
            assertThat(rejection.get("origin").asText()).isEqualTo("ops-structures.json");
            assertThat(rejection.get("reasons").get(0).asText()).isEqualTo("id : champ obligatoire absent");
        });
        assertThat(get("/api/v1/ops/directory/structures", null).statusCode()).isEqualTo(401);
    }

    @Test
    void anOlderRecordNeverReplacesANewerOne() {
        imports.importFile("newer.json", DataInclusionResource.STRUCTURE, """
                [{"source": "test", "id": "test--asso", "nom": "Association Nouveau Nom", "date_maj": "2026-10-01"}]
                """.getBytes(StandardCharsets.UTF_8));
        ImportReport older = imports.importFile("older.json", DataInclusionResource.STRUCTURE, """
                [{"source": "test", "id": "test--asso", "nom": "Association Ancien Nom", "date_maj": "2026-01-01"}]
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(older.unchanged()).isEqualTo(1);
        assertThat(directory.structure("test--asso").orElseThrow().name()).isEqualTo("Association Nouveau Nom");
    }

    @Test
    void servicesFromACsvFileGiveTheirStructureItsCoverageAndAges() {
        imports.importFile("youth.json", DataInclusionResource.STRUCTURE, """
                [{"source": "test", "id": "test--ml-sud", "nom": "Mission Locale Sud Essonne", "date_maj": "2026-10-01",
                  "reseaux_porteurs": ["mission-locale"], "courriel": "accueil@ml-sud.example.org"}]
                """.getBytes(StandardCharsets.UTF_8));
        ImportReport services = imports.importFile("youth-services.csv", DataInclusionResource.SERVICE, """
                id,source,structure_id,nom,description,date_maj,publics,zone_eligibilite,thematiques
                test--ml-sud-1,test,test--ml-sud,Accompagnement des jeunes,Un conseiller pour chaque jeune.,2026-10-01,jeunes,"200059228",trouver-un-emploi--repondre-a-des-offres-demploi
                test--ml-sud-2,test,test--ml-sud,Atelier,Un atelier.,2026-10-01,jeunes,"91286",logement--introuvable
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(services.applied()).isEqualTo(1);
        assertThat(services.rejected()).singleElement().satisfies(rejected ->
                assertThat(rejected.reasons()).singleElement().asString().startsWith("thematiques/0 : 'logement--introuvable'"));
        Structure missionLocale = directory.structure("test--ml-sud").orElseThrow();
        assertThat(missionLocale.coverage()).containsExactly(
                new Coverage(AreaKind.EPCI, "200059228", "test--ml-sud-1", "DATA_INCLUSION_SERVICE"));
        assertThat(List.of(missionLocale.ageMin(), missionLocale.ageMax())).containsExactly(16, 25);
        // Ris-Orangis is in the EPCI Grand Paris Sud: the service covers it through its EPCI code.
        assertThat(directory.covering(StructureKind.MISSION_LOCALE, "91130", "Ris-Orangis", null, 20))
                .extracting(covering -> covering.structure().id()).containsExactly("test--ml-sud");
        assertThat(directory.covering(StructureKind.MISSION_LOCALE, "91130", "Ris-Orangis", null, 30)).isEmpty();
    }
}
