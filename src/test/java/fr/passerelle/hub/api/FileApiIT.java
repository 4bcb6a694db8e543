package fr.passerelle.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.hub.intake.IntakeSource;
import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.intake.PayloadOutcome;
import fr.passerelle.hub.support.HubIntegrationTest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The reject report a partner finds in its outbox is also readable over the API, by that partner only. */
class FileApiIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    PayloadIntake payloads;

    @Test
    void partnerReadsItsFilesAndTheirRejectReports() throws Exception {
        String name = "export-imilo-file-api-" + System.nanoTime() + ".csv";
        PayloadOutcome outcome = payloads.receive(new IntakeSource("ml-val-orge", "SFTP_PUSH", "file-api-test",
                "ml-val-orge/imilo-export.v1"), name, sample("ml-val-orge/invalid/row-3-birth-date-31-02-row-5-no-last-name.csv"));
        assertThat(outcome.rejected()).isEqualTo(2);

        JsonNode files = JSON.readTree(get("/api/v1/files", "demo-ml-val-orge-key").body()).get("files");
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

        HttpResponse<String> report = get("/api/v1/files/" + outcome.inboundFileId() + "/reject-report", "demo-ml-val-orge-key");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        String header = report.body().lines().findFirst().orElseThrow();
        assertThat(header).endsWith("ligne;motif");
        assertThat(report.body().lines().skip(1)).hasSize(2);

        assertThat(get("/api/v1/files/" + outcome.inboundFileId(), "demo-aile-key").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/files/" + outcome.inboundFileId() + "/reject-report", "demo-aile-key").statusCode()).isEqualTo(404);
        assertThat(new String(JSON.writeValueAsBytes(JSON.readTree(get("/api/v1/files", "demo-aile-key").body())),
                StandardCharsets.UTF_8)).doesNotContain(name);
    }
}
