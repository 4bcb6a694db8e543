package fr.passerelle.hub.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.security.Digests;
import fr.passerelle.hub.testsupport.DemoCredentials;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import fr.passerelle.hub.testsupport.PartnerSamples;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The onboarding preview: a sample file mapped with every error shown, and nothing of it stored or sent. */
class MappingPreviewIT extends HubIntegrationTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @Autowired
    JdbcClient jdbc;

    @Test
    void showsEveryRecordAndTheRejectReportTheMissionLocaleWouldGetWithoutStoringAnything() {
        List<String> keys = new ArrayList<>();
        byte[] sample = withFreshRecordKeys(
                PartnerSamples.sample("ml-val-orge/invalid/row-3-birth-date-31-02-row-5-no-last-name.csv"), keys);

        HttpResponse<String> answer = preview("ml-val-orge", "imilo-export.v1", sample);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode preview = Json.read(answer.body());
        assertThat(preview.get("stored").asBoolean()).isFalse();
        assertThat(preview.get("recordsTotal").asInt()).isEqualTo(keys.size());
        assertThat(preview.get("recordsRejected").asInt()).isEqualTo(2);
        List<String> rejectedKeys = new ArrayList<>();
        preview.get("records").forEach(record -> {
            if (!record.get("accepted").asBoolean()) {
                rejectedKeys.add(record.get("recordKey").asText());
                assertThat(record.get("errors")).isNotEmpty();
            } else {
                assertThat(record.get("referral").get("identity").get("firstNames").asText()).isNotBlank();
            }
        });
        assertThat(rejectedKeys).containsExactly(keys.get(2), keys.get(4));
        String report = new String(Base64.getDecoder().decode(preview.get("rejectReport").get("base64").asText()),
                WINDOWS_1252);
        assertThat(report.lines().findFirst().orElseThrow()).endsWith(";ligne;motif");
        long reported = ReportedRecords.of(preview.get("records"));
        assertThat(report.lines().skip(1).filter(line -> !line.isBlank())).hasSize((int) reported)
                .anySatisfy(line -> assertThat(line).startsWith(keys.get(2)))
                .anySatisfy(line -> assertThat(line).startsWith(keys.get(4)));

        assertThat(jdbc.sql("select count(*) from raw_message where digest_sha256 = :d")
                .param("d", Digests.sha256(sample)).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from referral where partner_id = 'ml-val-orge' and record_key in (:keys)")
                .param("keys", keys).query(Integer.class).single()).isZero();
    }

    @Test
    void aFileMissingARequiredColumnIsUnusableWithTheOneReasonThePartnerWouldGet() {
        HttpResponse<String> answer = preview("ml-val-orge", "imilo-export.v1",
                PartnerSamples.sample("ml-val-orge/invalid/missing-column-date-de-naissance.csv"));

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode preview = Json.read(answer.body());
        assertThat(preview.get("unusable").get("reason").asText()).contains("Date de naissance");
        assertThat(preview.get("records")).isEmpty();
        assertThat(preview.get("rejectReport").get("fileName").asText()).endsWith(".csv");
    }

    @Test
    void aMappingOfAnotherPartnerOrUnknownIsNotFoundAndPartnersCannotPreview() {
        byte[] sample = "x".getBytes(StandardCharsets.UTF_8);
        assertThat(preview("aile", "imilo-export.v1", sample).statusCode()).isEqualTo(404);
        assertThat(preview("ml-val-orge", "nothing.v9", sample).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/ops/mappings/ml-val-orge/imilo-export.v1/preview"))
                .header("X-Api-Key", DemoCredentials.ML_VAL_ORGE_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"eA==\"}"))).statusCode()).isEqualTo(401);
    }

    @Test
    void theConsolePageListsTheMappingsToPreview() {
        HttpResponse<String> page = getAsOperator("/console/onboarding");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("ml-val-orge/imilo-export.v1").contains("plie-val-orge/participants.v1");
    }

    private HttpResponse<String> preview(String partner, String mapping, byte[] sample) {
        return send(HttpRequest.newBuilder(uri("/api/v1/ops/mappings/" + partner + "/" + mapping + "/preview"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (DemoCredentials.OPERATOR + ":" + DemoCredentials.OPERATOR_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"" + Base64.getEncoder().encodeToString(sample)
                        + "\"}")));
    }

    /** Records the report lists: rejected ones, and accepted ones that lost an optional value. */
    private static final class ReportedRecords {
        static long of(JsonNode records) {
            long n = 0;
            for (JsonNode record : records) {
                if (!record.get("accepted").asBoolean() || !record.get("warnings").isEmpty()) {
                    n++;
                }
            }
            return n;
        }
    }

    /** The sample with record keys no other test uses, so that "nothing stored" can be checked by key. */
    private static byte[] withFreshRecordKeys(byte[] sample, List<String> keys) {
        String text = new String(sample, StandardCharsets.ISO_8859_1);
        Matcher key = Pattern.compile("(?m)^\\d{8};").matcher(text);
        StringBuilder out = new StringBuilder();
        long base = ThreadLocalRandom.current().nextLong(10_000_000L, 90_000_000L);
        while (key.find()) {
            String fresh = String.valueOf(base + keys.size());
            keys.add(fresh);
            key.appendReplacement(out, fresh + ";");
        }
        key.appendTail(out);
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
