package fr.passerelle.hub.api;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.ML_VAL_ORGE_KEY;
import static fr.passerelle.hub.testsupport.PartnerSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.intake.IntakeSource;
import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.intake.PayloadOutcome;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The reject report a partner finds in its outbox is also readable over the API, by that partner only. */
class FileApiIT extends HubIntegrationTest {

    @Autowired
    PayloadIntake payloads;

    @Test
    void partnerReadsItsFilesAndTheirRejectReports() throws Exception {
        String name = "export-imilo-file-api-" + System.nanoTime() + ".csv";
        PayloadOutcome outcome = payloads.receive(new IntakeSource("ml-val-orge", "SFTP_PUSH", "file-api-test",
                "ml-val-orge/imilo-export.v1"), name, sample("ml-val-orge/invalid/row-3-birth-date-31-02-row-5-no-last-name.csv"));
        assertThat(outcome.rejected()).isEqualTo(2);

        JsonNode files = Json.read(get("/api/v1/files", ML_VAL_ORGE_KEY).body()).get("files");
        JsonNode file = null;
        for (JsonNode candidate : files) {
            if (name.equals(candidate.get("fileName").asText())) {
                file = candidate;
            }
        }
        assertThat(file).isNotNull();
        assertThat(file.get("status").asText()).isEqualTo("DONE");
        assertThat(file.get("accepted").asInt()).isEqualTo(5);
        assertThat(file.get("rejected").asInt()).isEqualTo(2);

        HttpResponse<String> report = get("/api/v1/files/" + outcome.inboundFileId() + "/reject-report", ML_VAL_ORGE_KEY);
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        String header = report.body().lines().findFirst().orElseThrow();
        assertThat(header).endsWith("ligne;motif");
        assertThat(report.body().lines().skip(1)).hasSize(2);

        assertThat(get("/api/v1/files/" + outcome.inboundFileId(), AILE_KEY).statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/files/" + outcome.inboundFileId() + "/reject-report", AILE_KEY).statusCode()).isEqualTo(404);
        assertThat(new String(Json.bytes(Json.read(get("/api/v1/files", AILE_KEY).body())), StandardCharsets.UTF_8))
                .doesNotContain(name);
    }
}
