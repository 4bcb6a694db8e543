package fr.passerelle.hub.beneficiary;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.PROGRAMME_KEY;
import static fr.passerelle.hub.testsupport.PartnerSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the programme team records in the journey shows on the shared record: barriers and the current referent. */
class JourneyOnTheSharedRecordIT extends HubIntegrationTest {


    @Test
    void barriersAndProgrammeReferentsFollowTheJourney() throws Exception {
        postJson("/api/v1/referrals", AILE_KEY, sample("aile/valid/AILE-20261120-008.json"));
        String id = Json.read(get("/api/v1/beneficiaries?partner=aile&key=AILE-20261120-008", PROGRAMME_KEY).body())
                .get("id").asText();

        journeyEvent(id, """
                {"type":"REFERENT_ASSIGNED","referent":{"firstName":"Claire","lastName":"Morel","email":"c.morel@laruche.example.org"}}""");
        journeyEvent(id, """
                {"type":"REFERENT_ASSIGNED","referent":{"firstName":"Paul","lastName":"Diallo","email":"p.diallo@laruche.example.org"}}""");
        journeyEvent(id, """
                {"type":"BARRIER_REPORTED","barrier":"LOGEMENT","note":"hébergé chez un tiers"}""");
        // A referent known by name only (no e-mail yet) is recorded too.
        journeyEvent(id, """
                {"type":"REFERENT_ASSIGNED","referent":{"firstName":"Inès","lastName":"Benali"}}""");
        journeyEvent(id, """
                {"type":"REFERENT_ASSIGNED","referent":{"firstName":"Paul","lastName":"Diallo","email":"p.diallo@laruche.example.org"}}""");

        JsonNode record = Json.read(get("/api/v1/beneficiaries/" + id, PROGRAMME_KEY).body());
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

        journeyEvent(id, """
                {"type":"BARRIER_RESOLVED","barrier":"LOGEMENT"}""");
        record = Json.read(get("/api/v1/beneficiaries/" + id, PROGRAMME_KEY).body());
        assertThat(texts(record.get("barriers"))).doesNotContain("LOGEMENT");
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(item -> values.add(item.asText()));
        return values;
    }
}
