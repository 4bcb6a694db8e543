package fr.passerelle.hub.api;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.ML_VAL_ORGE_KEY;
import static fr.passerelle.hub.testsupport.PartnerSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.intake.IntakeSource;
import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every list of the API pages the same way: limit, a cursor to the next page, a stable order, status and date filters. */
class ListConventionsIT extends HubIntegrationTest {

    @Autowired
    PayloadIntake payloads;

    @Test
    void pagesThroughAPartnersHandoffsWithoutLosingOrRepeatingOne() {
        for (int i = 0; i < 3; i++) {
            referNewPersonAsAile(AileReferral.newPerson());
        }
        List<String> all = ids(Json.read(get("/api/v1/handoffs?limit=200", AILE_KEY).body()).get("handoffs"));
        assertThat(all).hasSizeGreaterThanOrEqualTo(3);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = Json.read(get("/api/v1/handoffs?limit=2" + (cursor == null ? "" : "&after=" + cursor),
                    AILE_KEY).body());
            assertThat(page.get("handoffs").size()).isLessThanOrEqualTo(2);
            paged.addAll(ids(page.get("handoffs")));
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(paged).isEqualTo(all);
    }

    @Test
    void filtersByDateAndStatusAndRefusesUnknownValuesNamingTheParameter() {
        String name = "export-imilo-list-" + System.nanoTime() + ".csv";
        payloads.receive(new IntakeSource("ml-val-orge", "SFTP_PUSH", "list-conventions-test",
                "ml-val-orge/imilo-export.v1"), name, sample("ml-val-orge/invalid/row-3-birth-date-31-02-row-5-no-last-name.csv"));
        String future = URLEncoder.encode(OffsetDateTime.now().plusDays(1).toString(), StandardCharsets.UTF_8);
        String past = URLEncoder.encode(OffsetDateTime.now().minusDays(1).toString(), StandardCharsets.UTF_8);

        assertThat(Json.read(get("/api/v1/files?since=" + future, ML_VAL_ORGE_KEY).body()).get("files")).isEmpty();
        assertThat(fileNames(get("/api/v1/files?since=" + past + "&status=DONE", ML_VAL_ORGE_KEY))).contains(name);
        assertThat(fileNames(get("/api/v1/files?status=REJECTED", ML_VAL_ORGE_KEY))).doesNotContain(name);
        assertThat(Json.read(get("/api/v1/handoffs?since=" + future, AILE_KEY).body()).get("handoffs")).isEmpty();

        for (String query : List.of("/api/v1/files?status=LOST", "/api/v1/files?since=yesterday",
                "/api/v1/files?after=not-a-cursor", "/api/v1/handoffs?status=LOST")) {
            HttpResponse<String> answer = get(query, query.contains("files") ? ML_VAL_ORGE_KEY : AILE_KEY);
            assertThat(answer.statusCode()).as(query).isEqualTo(400);
            String parameter = query.substring(query.indexOf('?') + 1, query.indexOf('='));
            assertThat(Json.read(answer.body()).get("errors").findValuesAsText("field")).as(query)
                    .containsExactly(parameter);
        }
    }

    private static List<String> ids(JsonNode handoffs) {
        List<String> ids = new ArrayList<>();
        handoffs.forEach(handoff -> ids.add(handoff.get("handoffId").asText()));
        return ids;
    }

    private static List<String> fileNames(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        Json.read(answer.body()).get("files").forEach(file -> names.add(file.get("fileName").asText()));
        return names;
    }
}
