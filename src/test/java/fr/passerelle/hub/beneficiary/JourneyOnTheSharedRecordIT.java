package fr.passerelle.hub.beneficiary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.hub.support.HubIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the programme team records in the journey shows on the shared record: barriers and the current referent. */
class JourneyOnTheSharedRecordIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROGRAMME = "demo-ruche-itineraire-key";

    @Test
    void barriersAndProgrammeReferentsFollowTheJourney() throws Exception {
        postJson("/api/v1/referrals", "demo-aile-key", sample("aile/valid/AILE-20261120-008.json"));
        String id = JSON.readTree(get("/api/v1/beneficiaries?partner=aile&key=AILE-20261120-008", PROGRAMME).body())
                .get("id").asText();

        event(id, """
                {"type":"REFERENT_ASSIGNED","referent":{"firstName":"Claire","lastName":"Morel","email":"c.morel@laruche.example.org"}}""");
        event(id, """
                {"type":"REFERENT_ASSIGNED","referent":{"firstName":"Paul","lastName":"Diallo","email":"p.diallo@laruche.example.org"}}""");
        event(id, """
                {"type":"BARRIER_REPORTED","barrier":"LOGEMENT","note":"hébergé chez un tiers"}""");
        // A referent known by name only (no e-mail yet) is recorded too.
        event(id, """
                {"type":"REFERENT_ASSIGNED","referent":{"firstName":"Inès","lastName":"Benali"}}""");
        event(id, """
                {"type":"REFERENT_ASSIGNED","referent":{"firstName":"Paul","lastName":"Diallo","email":"p.diallo@laruche.example.org"}}""");

        JsonNode record = JSON.readTree(get("/api/v1/beneficiaries/" + id, PROGRAMME).body());
        assertThat(texts(record.get("barriers"))).contains("LOGEMENT");
        List<JsonNode> programmeReferents = new java.util.ArrayList<>();
        record.get("referents").forEach(referent -> {
            if ("PROGRAMME_REFERENT".equals(referent.get("role").asText())) {
                programmeReferents.add(referent);
            }
        });
        assertThat(programmeReferents).hasSize(4);
        assertThat(programmeReferents).filteredOn(referent -> referent.get("until") == null || referent.get("until").isNull())
                .singleElement().satisfies(current -> assertThat(current.at("/contact/lastName").asText()).isEqualTo("Diallo"));

        event(id, """
                {"type":"BARRIER_RESOLVED","barrier":"LOGEMENT"}""");
        record = JSON.readTree(get("/api/v1/beneficiaries/" + id, PROGRAMME).body());
        assertThat(texts(record.get("barriers"))).doesNotContain("LOGEMENT");
    }

    private void event(String beneficiaryId, String json) {
        assertThat(postJson("/api/v1/beneficiaries/" + beneficiaryId + "/events", PROGRAMME,
                json.getBytes(StandardCharsets.UTF_8)).statusCode()).as(json).isBetween(200, 299);
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }
}
