package fr.passerelle.hub.api;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.PROGRAMME_KEY;
import static fr.passerelle.hub.testsupport.PartnerSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class BeneficiaryApiIT extends HubIntegrationTest {


    @Autowired
    JdbcClient jdbc;

    @Test
    void sameAssociationPersonTwiceIsOneRecordWhereRefusalWins() throws IOException {
        postJson("/api/v1/referrals", AILE_KEY, sample("aile/valid/AILE-20261120-001.json"));
        postJson("/api/v1/referrals", AILE_KEY, sample("aile/valid/AILE-NOCONSENT-001-consent-refused.json"));

        HttpResponse<String> answer = get("/api/v1/beneficiaries?partner=aile&key=AILE-NOCONSENT-001", PROGRAMME_KEY);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode record = Json.read(answer.body());
        // Consent given and refused on the same day: refusal wins, and the programme team, which supplied nothing
        // about the person, reads the record without what the partners supplied (security/ConsentBoundSharingIT).
        assertThat(record.at("/consent/dataSharing").asBoolean()).isFalse();
        assertThat(record.get("identifiers").findValuesAsText("value")).isEmpty();
        assertThat(record.get("nirKnown").asBoolean()).isFalse();
        assertThat(answer.body()).doesNotContain("193092A07895670", "+33745650450", "noel.lucas77@free.fr");
        String id = record.get("id").asText();
        // Other tests of this shared hub read the same sample person: count this test's reads only.
        int auditedBefore = audited(id);
        assertThat(get("/api/v1/beneficiaries/" + id, PROGRAMME_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/beneficiaries?partner=aile&key=AILE-NOCONSENT-001", PROGRAMME_KEY).statusCode())
                .isEqualTo(200);

        assertThat(audited(id)).isEqualTo(auditedBefore + 2);
    }

    private int audited(String beneficiary) {
        return jdbc.sql("select count(*) from record_access where beneficiary_id = cast(:id as uuid) and accessor_id = 'ruche-itineraire'")
                .param("id", beneficiary).query(Integer.class).single();
    }

    @Test
    void onlyTheProgrammeTeamReadsTheSharedRecord() {
        postJson("/api/v1/referrals", AILE_KEY, sample("aile/valid/AILE-20261120-010.json"));
        assertThat(get("/api/v1/beneficiaries?partner=aile&key=AILE-20261120-010", AILE_KEY).statusCode())
                .isEqualTo(403);
        assertThat(get("/api/v1/beneficiaries?partner=aile&key=NO-SUCH-KEY", PROGRAMME_KEY).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/beneficiaries/00000000-0000-0000-0000-000000000000", PROGRAMME_KEY).statusCode())
                .isEqualTo(404);
    }
}
