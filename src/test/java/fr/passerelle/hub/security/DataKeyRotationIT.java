package fr.passerelle.hub.security;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.PROGRAMME_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.HubClient;
import fr.passerelle.hub.testsupport.Json;
import fr.passerelle.hub.testsupport.StandaloneHub;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 9, data at rest, the documented rotation on a real hub: data sealed with key k1; restart with k2 as the
 * data key and k1 retired; everything still opens; the administrators' re-seal leaves no value sealed by k1, and the
 * NIRs still open (the export shows it, and a second referral with the same NIR joins the same person).
 */
class DataKeyRotationIT {

    private static final String OLD_KEY = Base64.getEncoder().encodeToString(filled(7));
    private static final String NEW_KEY = Base64.getEncoder().encodeToString(filled(9));
    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:demo-admin-password".getBytes(StandardCharsets.UTF_8));

    @TempDir
    Path temp;

    @Test
    void reSealingMovesEverySealedValueToTheNewKeyWhileOldValuesStayReadable() {
        String nir = ConsentBoundSharingIT.nir(LocalDate.of(1991, 3, 12));
        String beneficiary;
        try (ConfigurableApplicationContext hub = StandaloneHub.startOnKeptData(temp,
                "--passerelle.protection.data-key=" + OLD_KEY, "--passerelle.protection.data-key-id=k1")) {
            HttpResponse<String> created = HubClient.of(hub).postJson("/api/v1/referrals", AILE_KEY,
                    AileReferral.newPerson().lastName("Rotation").birthDate(LocalDate.of(1991, 3, 12)).nir(nir).json());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
            String referral = Json.read(created.body()).get("referralId").asText();
            beneficiary = Json.read(HubClient.of(hub).get("/api/v1/referrals/" + referral, AILE_KEY).body())
                    .get("beneficiaryId").asText();
        }
        try (ConfigurableApplicationContext hub = StandaloneHub.startOnKeptData(temp,
                "--passerelle.protection.data-key=" + NEW_KEY, "--passerelle.protection.data-key-id=k2",
                "--passerelle.protection.retired-data-key[0]=k1:" + OLD_KEY)) {
            HubClient client = HubClient.of(hub);
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            assertThat(keyIds(jdbc)).contains("k1").doesNotContain("k2");

            HttpResponse<String> resealed = client.send(HttpRequest.newBuilder(client.uri(
                    "/api/v1/ops/privacy/data-keys/reseal")).header("Authorization", ADMIN)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertThat(resealed.statusCode()).as(resealed.body()).isEqualTo(200);
            JsonNode report = Json.read(resealed.body());
            assertThat(report.get("currentKeyId").asText()).isEqualTo("k2");
            assertThat(report.at("/resealed").toString()).contains("referral.nir_sealed");

            assertThat(keyIds(jdbc)).containsOnly("k2");
            HttpResponse<String> export = client.send(HttpRequest.newBuilder(client.uri(
                    "/api/v1/ops/privacy/beneficiaries/" + beneficiary + "/export?reason=rotation")).header("Authorization", ADMIN).GET());
            assertThat(export.body()).contains(nir);
            HttpResponse<String> again = client.postJson("/api/v1/referrals", AILE_KEY, AileReferral.newPerson()
                    .lastName("Rotation").birthDate(LocalDate.of(1991, 3, 12)).nir(nir).json());
            String second = Json.read(client.get("/api/v1/referrals/" + Json.read(again.body()).get("referralId")
                    .asText(), AILE_KEY).body()).get("beneficiaryId").asText();
            assertThat(second).as("the NIR, re-sealed, still matches").isEqualTo(beneficiary);
            assertThat(client.get("/api/v1/beneficiaries/" + beneficiary, PROGRAMME_KEY).statusCode()).isEqualTo(200);
        }
    }

    /** The key ids of every sealed value in the database (null for a value without one). */
    private static List<String> keyIds(JdbcClient jdbc) {
        return jdbc.sql("""
                        select nir_sealed from referral where nir_sealed is not null
                        union all select nir_sealed from referral_revision where nir_sealed is not null
                        union all select nir_sealed from beneficiary where nir_sealed is not null
                        union all select payload_sealed from raw_message
                        union all select report_sealed from inbound_file where report_sealed is not null
                        union all select cells_sealed from inbound_record where cells_sealed is not null
                        """)
                .query((rs, n) -> String.valueOf(DataProtector.keyIdOf(rs.getBytes(1)))).list();
    }

    private static byte[] filled(int value) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) value);
        return key;
    }
}
