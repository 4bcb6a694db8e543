package fr.passerelle.hub.privacy;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.PROGRAMME_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.DemoCredentials;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * SPEC §7 end to end on the running hub: an administrator exports one person's data with its provenance and erases
 * it on request; a retention run counts (dry run) then anonymises people inactive for 24 months; the statistics
 * (referrals by partner and month, completions by outcome and month) are the same after as before. Operators may
 * not do it; every step is audited.
 */
class PersonalDataRightsIT extends HubIntegrationTest {

    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:demo-admin-password".getBytes(StandardCharsets.UTF_8));

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAdministratorExportsThenErasesOnePersonAndTheStatisticsStayWhole() {
        String lastName = "Effacement" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String email = lastName.toLowerCase() + "@exemple.fr";
        String beneficiary = referNewPersonAsAile(AileReferral.newPerson().lastName(lastName).firstName("Maëlle")
                .birthDate(LocalDate.of(1988, 2, 3)).email(email).phone("0698" + lastName.substring(lastName.length() - 6)));
        journeyEvent(beneficiary, """
                {"type": "ELIGIBILITY_DECIDED", "eligible": true, "reason": "projet solide malgré un suivi médical"}""");
        journeyEvent(beneficiary, """
                {"type": "WORKSHOP_ATTENDED", "kind": "LAUNCH"}""");
        journeyEvent(beneficiary, """
                {"type": "PROGRAMME_COMPLETED", "outcome": "BUSINESS_CREATION"}""");
        JsonNode before = statistics();

        assertThat(send(admin("GET", exportPath(beneficiary)).setHeader("Authorization",
                DemoCredentials.operatorBasicAuthorization())).statusCode()).as("operators may not").isEqualTo(403);
        assertThat(send(admin("GET", "/api/v1/ops/privacy/beneficiaries/" + beneficiary + "/export")).statusCode())
                .as("a reason is required").isEqualTo(400);
        HttpResponse<String> exported = send(admin("GET", exportPath(beneficiary)));
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
        JsonNode export = Json.read(exported.body());
        assertThat(export.at("/record/identity/birthName").asText()).isEqualTo(lastName);
        assertThat(export.get("referrals")).singleElement().satisfies(referral -> {
            assertThat(referral.get("partnerId").asText()).isEqualTo("aile");
            assertThat(referral.get("channel").asText()).isNotBlank();
            assertThat(referral.at("/content/contact/email").asText()).isEqualTo(email);
            assertThat(referral.get("revisions").get(0).get("rawMessageId").asText()).isNotBlank();
        });
        assertThat(export.get("journey").findValuesAsText("type")).contains("WORKSHOP_ATTENDED", "PROGRAMME_COMPLETED");
        assertThat(export.get("handoffs").size()).isPositive();
        assertThat(audited(beneficiary, "admin", "export RGPD%")).isEqualTo(1);

        HttpResponse<String> erased = send(admin("POST", "/api/v1/ops/privacy/beneficiaries/" + beneficiary
                + "/erasure?reason=" + encode("demande écrite du 1er décembre")));
        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(Json.read(erased.body()).get("referrals").asInt()).isEqualTo(1);

        String afterwards = send(admin("GET", exportPath(beneficiary))).body();
        assertThat(afterwards).doesNotContain(lastName, email, "698" + lastName.substring(lastName.length() - 6), "Maëlle", "1988-02-03", "suivi médical")
                .contains("ERASURE", "BUSINESS_CREATION");
        assertThat(get("/api/v1/beneficiaries/" + beneficiary, PROGRAMME_KEY).body()).doesNotContain(lastName);
        assertThat(statistics()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from privacy_request where beneficiary_id = cast(:b as uuid) and kind = 'ERASURE' and requested_by = 'admin'")
                .param("b", beneficiary).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void retentionCountsThenAnonymisesPeopleInactiveForTwoYearsKeepingTheStatistics() {
        String lastName = "Retention" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String inactive = referNewPersonAsAile(AileReferral.newPerson().lastName(lastName).firstName("Ilan")
                .birthDate(LocalDate.of(1979, 6, 30)).email(lastName.toLowerCase() + "@exemple.fr")
                .phone("0611" + lastName.substring(lastName.length() - 6)));
        journeyEvent(inactive, """
                {"type": "ELIGIBILITY_DECIDED", "eligible": true}""");
        journeyEvent(inactive, """
                {"type": "WORKSHOP_ATTENDED", "kind": "LAUNCH"}""");
        journeyEvent(inactive, """
                {"type": "PROGRAMME_COMPLETED", "outcome": "EMPLOYMENT"}""");
        String stillActive = referNewPersonAsAile(AileReferral.newPerson().lastName(lastName + "Actif")
                .firstName("Ilan").birthDate(LocalDate.of(1979, 7, 1)).email(lastName.toLowerCase() + ".actif@exemple.fr")
                .phone("0612" + lastName.substring(lastName.length() - 6)));
        int inactiveBefore = retention(true).get("people").asInt();
        // The person's last activity, moved 25 months back (the hub cannot wait two years).
        jdbc.sql("update beneficiary set updated_at = now() - interval '25 months', created_at = now() - interval '25 months' where id = cast(:b as uuid)")
                .param("b", inactive).update();
        jdbc.sql("update journey_event set recorded_at = now() - interval '25 months' where beneficiary_id = cast(:b as uuid)")
                .param("b", inactive).update();
        jdbc.sql("update handoff set created_at = now() - interval '25 months' where beneficiary_id = cast(:b as uuid)")
                .param("b", inactive).update();
        JsonNode before = statistics();

        JsonNode dryRun = retention(true);
        assertThat(dryRun.get("people").asInt()).isEqualTo(inactiveBefore + 1);
        assertThat(dryRun.get("inactiveMonths").asInt()).isEqualTo(24);
        assertThat(exportOf(inactive)).contains(lastName);

        JsonNode run = retention(false);
        assertThat(run.get("anonymised").asInt()).isEqualTo(inactiveBefore + 1);
        assertThat(exportOf(inactive)).doesNotContain(lastName, "1979-06-30");
        assertThat(exportOf(stillActive)).contains(lastName + "Actif");
        assertThat(retention(true).get("people").asInt()).isEqualTo(inactiveBefore);
        assertThat(statistics()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from privacy_request where kind in ('RETENTION_RUN', 'RETENTION_DRY_RUN') and report->>'people' is not null and at > now() - interval '10 minutes'")
                .query(Integer.class).single()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void readingHandoffsIsAuditedAsAReadOfThePerson() {
        java.time.Instant start = java.time.Instant.now().minusSeconds(1);
        int unique = ThreadLocalRandom.current().nextInt(100_000, 999_999);
        String beneficiary = referNewPersonAsAile(AileReferral.newPerson().lastName("Lecture" + unique)
                .firstName("Yanis").birthDate(LocalDate.of(1970, 1, 1).plusDays(unique % 9000))
                .email("lecture" + unique + "@exemple.fr").phone("06" + String.format("%08d", unique)));
        assertThat(audited(beneficiary, "aile", "GET /api/v1/handoffs%")).isZero();

        HttpResponse<String> listed = get("/api/v1/handoffs?status=PENDING&since=" + start, AILE_KEY);

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains(beneficiary);
        assertThat(audited(beneficiary, "aile", "GET /api/v1/handoffs%")).isEqualTo(1);
    }

    private String exportOf(String beneficiary) {
        HttpResponse<String> exported = send(admin("GET", exportPath(beneficiary)));
        assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
        return exported.body();
    }

    private JsonNode retention(boolean dryRun) {
        HttpResponse<String> answer = send(admin("POST", "/api/v1/ops/privacy/retention?dryRun=" + dryRun));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.read(answer.body());
    }

    private JsonNode statistics() {
        HttpResponse<String> answer = getAsOperator("/api/v1/ops/privacy/statistics");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.read(answer.body());
    }

    private int audited(String beneficiary, String who, String purpose) {
        return jdbc.sql("select count(*) from record_access where beneficiary_id = cast(:b as uuid) and accessor_id = :who and purpose like :p")
                .param("b", beneficiary).param("who", who).param("p", purpose).query(Integer.class).single();
    }

    private static String exportPath(String beneficiary) {
        return "/api/v1/ops/privacy/beneficiaries/" + beneficiary + "/export?reason=" + encode("demande d'accès");
    }

    private HttpRequest.Builder admin(String method, String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", ADMIN)
                .method(method, HttpRequest.BodyPublishers.noBody());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
