package fr.passerelle.hub.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Issue 12, done when: a hub whose directory comes from a data·inclusion file (the structures, imported at
 * start-up) and data·inclusion's paged, token-protected API (served by a real HTTP server here: the services, and
 * one more structure) routes handoffs by commune from it. A person of Grigny with a housing barrier goes to the MDS
 * covering Grigny; a person under 26 of Brétigny-sur-Orge to the Mission Locale whose service covers Brétigny.
 */
@TestPropertySource(properties = {
        "passerelle.test.isolated-context=data-inclusion-directory",
        "passerelle.handoffs.directory.structures=classpath:directory/sud-essonne-structures.json",
        "passerelle.handoffs.directory.services=classpath:directory/no-services.json",
        "passerelle.handoffs.directory.local=classpath:directory/sud-essonne-local.yaml",
        "passerelle.pull.data-inclusion.departement=91",
        "passerelle.pull.data-inclusion.page-size=2"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DataInclusionDirectoryIT extends HubIntegrationTest {

    private static final String RUN = "direct:data-inclusion-api-pull-run";
    private static final FakeDataInclusionApi API = new FakeDataInclusionApi(
            List.of(structure("test-sud--ml-coeur-essonne", "Mission Locale Cœur d'Essonne", "91103",
                            "mission-locale"),
                    structure("test-sud--ruche", "La Ruche Évry", "91228", null),
                    structure("test-sud--paris", "Mission Locale de Paris", "75056", "mission-locale")),
            List.of(service("test-sud--mds-grigny-accueil", "test-sud--mds-grigny", "91286", "tous-publics",
                            List.of("91286", "91521"), "logement-hebergement--se-maintenir-dans-le-logement"),
                    service("test-sud--ml-jeunes", "test-sud--ml-coeur-essonne", "91103", "jeunes",
                            List.of("200057859"), "trouver-un-emploi--repondre-a-des-offres-demploi"),
                    service("test-sud--bad-thematique", "test-sud--ml-coeur-essonne", "91103", "jeunes",
                            List.of("91103"), "logement--introuvable"),
                    service("test-sud--paris-jeunes", "test-sud--paris", "75056", "jeunes", List.of("75056"),
                            "trouver-un-emploi--repondre-a-des-offres-demploi")));

    @DynamicPropertySource
    static void pointTheFeedAtTheFakeApi(DynamicPropertyRegistry registry) {
        registry.add("passerelle.pull.data-inclusion.base-url", () -> API.baseUrl().toString());
        registry.add("passerelle.pull.data-inclusion.token", () -> FakeDataInclusionApi.TOKEN);
    }

    @AfterAll
    static void stopTheApi() {
        API.close();
    }

    @Autowired
    ProducerTemplate camel;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReferentDirectory directory;

    @Test
    @Order(1)
    void theFileIsImportedAtStartUpItsBadRecordsReportedWithTheirReasons() {
        List<Map<String, Object>> rejected = jdbc.sql("""
                        select position, record_id, array_to_string(reasons, ' | ') as reasons
                        from directory_import_rejection where origin like '%sud-essonne-structures.json'
                        order by position""").query().listOfRows();
        assertThat(rejected).hasSize(2);
        assertThat(rejected.get(0)).containsEntry("position", 2).containsEntry("record_id", "test-sud--bad-network");
        assertThat((String) rejected.get(0).get("reasons")).contains("reseaux_porteurs/0 : 'reseau-imaginaire'");
        assertThat(rejected.get(1)).containsEntry("position", 3);
        assertThat((String) rejected.get(1).get("reasons")).isEqualTo("id : champ obligatoire absent");
        assertThat(directory.structure("mds-grigny")).hasValueSatisfying(mds -> {
            assertThat(mds.kind()).isEqualTo(StructureKind.SOCIAL_SERVICE);
            assertThat(mds.partnerId()).isEqualTo("cd91-social");
        });
    }

    @Test
    @Order(2)
    void thePulledApiIsPagedFilteredByDepartementWithTheTokenAndItsBadRecordSkipped() {
        camel.sendBody(RUN, (Object) null);

        assertThat(API.requests()).allSatisfy(request -> {
            assertThat(request.authorization()).isEqualTo("Bearer " + FakeDataInclusionApi.TOKEN);
            assertThat(request.query()).containsEntry("code_departement", "91").containsEntry("size", "2");
            assertThat(request.status()).isEqualTo(200);
        });
        assertThat(API.requests()).extracting(request -> request.path() + "?page=" + request.query().get("page"))
                .containsExactly("/api/v1/structures?page=1", "/api/v1/services?page=1", "/api/v1/services?page=2");
        assertThat(checkpoint("data-inclusion-structures")).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(checkpoint("data-inclusion-services")).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(jdbc.sql("""
                        select array_to_string(reasons, ' | ') from directory_import_rejection
                        where record_id = 'test-sud--bad-thematique'""").query(String.class).single())
                .startsWith("thematiques/0 : 'logement--introuvable'");
        assertThat(directory.structure("test-sud--paris")).isEmpty();
        assertThat(directory.structure("ml-coeur-essonne").orElseThrow().coverage()).containsExactly(
                new Coverage(AreaKind.EPCI, "200057859", "test-sud--ml-jeunes", "DATA_INCLUSION_SERVICE"));
    }

    @Test
    @Order(3)
    void aPersonOfGrignyWithAHousingBarrierGoesToTheMdsCoveringGrigny() {
        String beneficiary = refer(35, "91350", "Grigny");
        journeyEvent(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"LOGEMENT\"}");

        JsonNode social = handoffsOf(beneficiary).withRule("barrier-social");
        assertThat(social.at("/recipient/name").asText()).isEqualTo("Maison des Solidarités de Grigny");
        assertThat(social.at("/recipient/partnerId").asText()).isEqualTo("cd91-social");
        assertThat(social.get("explanation").asText())
                .contains("la commune Grigny (INSEE 91286)")
                .contains("service data·inclusion test-sud--mds-grigny-accueil");

        // The handoff lists the services near the person whose thématiques answer the barrier (mapping table):
        // the MDS's housing service, not the Mission Locale's employment one.
        JsonNode payload = Json.read(jdbc.sql("select payload::text from handoff where id = :id")
                .param("id", UUID.fromString(social.get("handoffId").asText())).query(String.class).single());
        assertThat(payload.get("nearbyServices")).singleElement().satisfies(service -> {
            assertThat(service.get("serviceId").asText()).isEqualTo("test-sud--mds-grigny-accueil");
            assertThat(service.get("structure").asText()).isEqualTo("Maison des Solidarités de Grigny");
            assertThat(service.get("email").asText()).isEqualTo("mds-grigny@cd91.example.fr");
            assertThat(service.get("covers").asText()).isEqualTo("COMMUNE");
        });
    }

    @Test
    @Order(4)
    void aPersonUnder26OfBretignyGoesToTheMissionLocaleWhoseServiceCoversBretigny() {
        String beneficiary = refer(22, "91220", "Brétigny-sur-Orge");
        journeyEvent(beneficiary, "{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":true,\"reason\":\"projet validé\"}");
        journeyEvent(beneficiary, "{\"type\":\"WORKSHOP_ATTENDED\",\"kind\":\"LAUNCH\"}");
        journeyEvent(beneficiary, "{\"type\":\"PROGRAMME_COMPLETED\",\"outcome\":\"EMPLOYMENT\"}");

        JsonNode counselor = handoffsOf(beneficiary).withRule("completed-employment-counselor");
        assertThat(counselor.at("/recipient/name").asText()).isEqualTo("Mission Locale Cœur d'Essonne");
        assertThat(counselor.at("/recipient/partnerId").asText()).isEqualTo("ml-val-orge");
        assertThat(counselor.get("explanation").asText())
                .contains("la commune Brétigny-sur-Orge (INSEE 91103)")
                .contains("l'EPCI 200057859")
                .contains("service data·inclusion test-sud--ml-jeunes")
                .contains("22 ans");
    }

    @Test
    @Order(5)
    void theNextRunAppliesOnlyWhatChangedAndMovesTheCheckpoint() {
        API.clearRequests();
        camel.sendBody(RUN, (Object) null);
        assertThat(lastRun("data-inclusion-services")).contains("0 enregistrement(s) appliqué(s)");

        ObjectNode wider = service("test-sud--ml-jeunes", "test-sud--ml-coeur-essonne", "91103", "jeunes",
                List.of("200057859", "91286"), "trouver-un-emploi--repondre-a-des-offres-demploi");
        wider.put("date_maj", "2026-11-15");
        API.publish("services", wider);
        camel.sendBody(RUN, (Object) null);

        assertThat(lastRun("data-inclusion-services")).contains("1 enregistrement(s) appliqué(s)");
        assertThat(checkpoint("data-inclusion-services")).isEqualTo(LocalDate.of(2026, 11, 15));
        assertThat(directory.covering(StructureKind.MISSION_LOCALE, "91350", "Grigny", null, 20))
                .extracting(covering -> covering.structure().id()).containsExactly("ml-coeur-essonne");
    }

    @Test
    @Order(6)
    void aRefusedTokenStopsTheRunAndKeepsTheCheckpoint() {
        API.revokeToken();
        API.clearRequests();
        camel.sendBody(RUN, (Object) null);
        Map<String, Object> structures = jdbc.sql("select * from directory_feed_checkpoint where feed_id = :feed")
                .param("feed", "data-inclusion-structures").query().singleRow();
        assertThat(structures).containsEntry("last_run_outcome", "REJECTED");
        assertThat((String) structures.get("last_run_detail")).startsWith("HTTP_401");
        assertThat(checkpoint("data-inclusion-structures")).isEqualTo(LocalDate.of(2026, 10, 1));
        // Refused once, not asked again in a loop; the services wait for the next run.
        assertThat(API.requests()).extracting(FakeDataInclusionApi.Request::path).containsExactly("/api/v1/structures");
        assertThat(checkpoint("data-inclusion-services")).isEqualTo(LocalDate.of(2026, 11, 15));
    }

    private String refer(int age, String postalCode, String commune) {
        return referNewPersonAsAile(AileReferral.newPerson().firstName("Inès").lastName("Testdirectory")
                .birthDate(LocalDate.now().minusYears(age).minusDays(30))
                .email("ines." + UUID.randomUUID() + "@example.org").postalCode(postalCode).commune(commune)
                .consent(true).withoutSocialWorker());
    }

    private LocalDate checkpoint(String feed) {
        return jdbc.sql("select checkpoint from directory_feed_checkpoint where feed_id = :feed").param("feed", feed)
                .query(LocalDate.class).single();
    }

    private String lastRun(String feed) {
        return jdbc.sql("select last_run_detail from directory_feed_checkpoint where feed_id = :feed")
                .param("feed", feed).query(String.class).single();
    }

    private static ObjectNode structure(String id, String nom, String codeInsee, String network) {
        ObjectNode structure = Json.object().put("source", "test-sud").put("id", id).put("nom", nom)
                .put("date_maj", "2026-10-01").put("code_insee", codeInsee);
        if (network != null) {
            structure.putArray("reseaux_porteurs").add(network);
        }
        return structure;
    }

    private static ObjectNode service(String id, String structureId, String codeInsee, String audience,
                                      List<String> zone, String thematique) {
        ObjectNode service = Json.object().put("source", "test-sud").put("id", id).put("structure_id", structureId)
                .put("nom", "Service " + id.substring(id.indexOf("--") + 2)).put("description", "Un service de test.")
                .put("date_maj", "2026-10-01").put("code_insee", codeInsee);
        service.putArray("publics").add(audience);
        service.putArray("thematiques").add(thematique);
        zone.forEach(service.putArray("zone_eligibilite")::add);
        return service;
    }
}
