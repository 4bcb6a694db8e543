package fr.passerelle.hub.api;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.ML_VAL_ORGE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.PLIE_VAL_ORGE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.PROGRAMME_KEY;
import static fr.passerelle.hub.testsupport.PartnerSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import fr.passerelle.hub.testsupport.PartnerSamples;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class AssociationReferralApiIT extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApiContract contract;

    @Test
    void acceptsEveryValidAileSampleAndReadsItBackNormalized() throws IOException {
        List<Path> samples = PartnerSamples.folder("aile/valid").stream()
                .filter(file -> file.toString().endsWith(".json")).toList();
        assertThat(samples).hasSize(12);
        for (Path sample : samples) {
            HttpResponse<String> created = postJson("/api/v1/referrals", AILE_KEY, Files.readAllBytes(sample));
            assertThat(created.statusCode()).as(sample.getFileName().toString()).isIn(200, 202);
            JsonNode answer = Json.read(created.body());
            String id = answer.get("referralId").asText();
            assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/referrals/" + id);

            JsonNode status = Json.read(get("/api/v1/referrals/" + id, AILE_KEY).body());
            assertThat(status.get("status").asText()).isEqualTo("ACCEPTED");
            assertThat(status.get("beneficiaryId").isNull()).isFalse();
        }
    }

    @Test
    void normalizesNamesPhonesAndNir() throws IOException {
        JsonNode answer = Json.read(postJson("/api/v1/referrals", AILE_KEY,
                sample("aile/valid/AILE-20261120-005.json")).body());
        JsonNode status = Json.read(get("/api/v1/referrals/" + answer.get("referralId").asText(), AILE_KEY).body());
        JsonNode normalized = status.get("normalized");
        assertThat(normalized.at("/identity/birthName").asText()).isEqualTo("Vidal");
        assertThat(normalized.at("/identity/usageName").asText()).isEqualTo("Brunet");
        assertThat(normalized.at("/identity/firstNames").asText()).isEqualTo("Gaëlle");
        assertThat(normalized.at("/identity/birthDate").asText()).isEqualTo("1990-05-01");
        assertThat(normalized.at("/contact/phones/0").asText()).isEqualTo("+33774802452");
        assertThat(normalized.at("/barriers").toString()).isEqualTo("[\"LANGUE_SAVOIRS\",\"NUMERIQUE\"]");
        // SECURITY: the NIR (Corsican 2A, valid key) is kept sealed, never echoed back.
        assertThat(status.get("nirProvided").asBoolean()).isTrue();
        assertThat(status.toString()).doesNotContain("290052A14530505");
        String folded = jdbc.sql("""
                        select b.folded_first_names from beneficiary b join referral r on r.beneficiary_id = b.id
                        where r.id = cast(:id as uuid)""")
                .param("id", answer.get("referralId").asText()).query(String.class).single();
        assertThat(folded).isEqualTo("GAELLE");
    }

    @Test
    void sameReferenceTwiceIsTheSameReferral() {
        byte[] body = sample("aile/valid/AILE-20261120-003.json");
        HttpResponse<String> first = postJson("/api/v1/referrals", AILE_KEY, body);
        HttpResponse<String> second = postJson("/api/v1/referrals", AILE_KEY, body);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(idOf(second)).isEqualTo(idOf(first));
        Integer revisions = jdbc.sql("select count(*) from referral_revision where referral_id = cast(:id as uuid)")
                .param("id", idOf(first)).query(Integer.class).single();
        assertThat(revisions).isEqualTo(1);
    }

    @Test
    void changedPayloadForSameReferenceKeepsHistory() {
        String original = new String(sample("aile/valid/AILE-20261120-008.json"), StandardCharsets.UTF_8)
                .replace("AILE-20261120-008", "AILE-TEST-HISTORY-1");
        String changed = original.replace("\"educationLevel\": \"NV5\"", "\"educationLevel\": \"NV4\"");
        assertThat(changed).isNotEqualTo(original);
        String id = idOf(postJson("/api/v1/referrals", AILE_KEY, original.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> update = postJson("/api/v1/referrals", AILE_KEY, changed.getBytes(StandardCharsets.UTF_8));
        assertThat(update.statusCode()).isEqualTo(200);
        assertThat(idOf(update)).isEqualTo(id);
        Integer revisions = jdbc.sql("select count(*) from referral_revision where referral_id = cast(:id as uuid)")
                .param("id", id).query(Integer.class).single();
        assertThat(revisions).isEqualTo(2);
    }

    @Test
    void missingBirthDateAnswers400NamingTheField() throws IOException {
        HttpResponse<String> answer = postJson("/api/v1/referrals", AILE_KEY, sample("aile/invalid/missing-birthDate.json"));
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Json.read(answer.body());
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("beneficiary.birthDate");
    }

    @Test
    void unknownBarrierCodeAnswers400NamingTheCode() throws IOException {
        HttpResponse<String> answer = postJson("/api/v1/referrals", AILE_KEY, sample("aile/invalid/unknown-barrier-code.json"));
        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode problem = Json.read(answer.body());
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("barriers");
        assertThat(problem.get("errors").get(0).get("message").asText()).contains("TELEPORTATION");
    }

    @Test
    void truncatedBodyAnswers400MalformedJsonAndKeepsTheRawBody() throws IOException {
        HttpResponse<String> answer = postJson("/api/v1/referrals", AILE_KEY, sample("aile/invalid/truncated-body.json"));
        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode problem = Json.read(answer.body());
        assertThat(problem.get("code").asText()).isEqualTo("JSON_MALFORME");
        Integer kept = jdbc.sql("""
                        select count(*) from raw_message where partner_id = 'aile' and outcome = 'REJECTED'
                        and outcome_detail = 'JSON_MALFORME'""")
                .query(Integer.class).single();
        assertThat(kept).isGreaterThanOrEqualTo(1);
    }

    @Test
    void publishedSchemaAcceptsEveryValidSampleAndNamesTheFieldsTheHubNamesForEveryInvalidOne() {
        for (Path sample : PartnerSamples.folder("aile/valid")) {
            byte[] body = PartnerSamples.sample("aile/valid/" + sample.getFileName());
            assertThat(contract.violations("AssociationReferral", body)).as(sample.getFileName().toString()).isEmpty();
            assertThat(postJson("/api/v1/referrals", AILE_KEY, body).statusCode()).isIn(200, 202);
        }
        List<Path> invalid = PartnerSamples.folder("aile/invalid");
        assertThat(invalid).hasSize(3);
        for (Path sample : invalid) {
            byte[] body = PartnerSamples.sample("aile/invalid/" + sample.getFileName());
            HttpResponse<String> answer = postJson("/api/v1/referrals", AILE_KEY, body);
            assertThat(answer.statusCode()).as(sample.getFileName().toString()).isEqualTo(400);
            JsonNode problem = Json.read(answer.body());
            List<String> hubFields = problem.has("errors") ? problem.get("errors").findValuesAsText("field") : List.of();
            List<String> schemaFields = contract.violations("AssociationReferral", body).stream()
                    .map(FieldIssue::field).toList();
            assertThat(schemaFields).as(sample.getFileName().toString()).isEqualTo(hubFields);
        }
    }

    @Test
    void refusesWhatOnlyThePublishedSchemaRefusesAlongWithTheMappingsErrors() {
        String body = new String(sample("aile/valid/AILE-20261120-007.json"), StandardCharsets.UTF_8)
                .replace("AILE-20261120-007", "AILE-TEST-CONTRACT-1")
                .replace("\"ITINERAIRE\"", "\"ITINERANCE\"")
                .replaceFirst("\"educationLevel\": \"NV\\d\"", "\"educationLevel\": \"BAC+2\"")
                .replaceFirst("\"birthDate\": \"[0-9-]+\"", "\"birthDate\": \"\"");
        HttpResponse<String> answer = postJson("/api/v1/referrals", AILE_KEY, body.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode errors = Json.read(answer.body()).get("errors");
        assertThat(errors.findValuesAsText("field"))
                .containsExactlyInAnyOrder("beneficiary.birthDate", "programme", "situation.educationLevel");
        assertThat(errors.findValuesAsText("message")).anySatisfy(message ->
                assertThat(message).contains("« ITINERANCE »").contains("ITINERAIRE, GROUPEMENTS_DE_CREATEURS"));
        assertThat(get("/api/v1/beneficiaries?partner=aile&key=AILE-TEST-CONTRACT-1", PROGRAMME_KEY).statusCode())
                .isEqualTo(404);
    }

    @Test
    void refusesCallsWithoutAKnownApiKey() {
        assertThat(postJson("/api/v1/referrals", null, sample("aile/valid/AILE-20261120-001.json")).statusCode())
                .isEqualTo(401);
        assertThat(postJson("/api/v1/referrals", "not-a-key", sample("aile/valid/AILE-20261120-001.json")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void anotherPartnerCannotSeeTheReferral() {
        String id = idOf(postJson("/api/v1/referrals", AILE_KEY, sample("aile/valid/AILE-20261120-002.json")));
        assertThat(get("/api/v1/referrals/" + id, ML_VAL_ORGE_KEY).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/referrals/" + id, AILE_KEY).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/referrals/not-a-uuid", AILE_KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void partnerWithoutRestChannelIsRefused() {
        HttpResponse<String> answer = postJson("/api/v1/referrals", PLIE_VAL_ORGE_KEY,
                sample("aile/valid/AILE-20261120-001.json"));
        assertThat(answer.statusCode()).isEqualTo(403);
    }

    @Test
    void responsesNeverEchoTheApiKey() {
        HttpResponse<String> answer = postJson("/api/v1/referrals", AILE_KEY, sample("aile/valid/AILE-20261120-004.json"));
        assertThat(answer.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("X-Api-Key"));
    }

    @Test
    void servesAnOpenApiDocument() throws IOException {
        HttpResponse<String> answer = get("/api/v1/openapi.json", null);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(Json.read(answer.body()).get("paths").has("/api/v1/referrals")).isTrue();
    }

    private static String idOf(HttpResponse<String> response) {
        return Json.read(response.body()).get("referralId").asText();
    }
}
