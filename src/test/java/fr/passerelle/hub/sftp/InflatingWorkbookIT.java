package fr.passerelle.hub.sftp;

import static fr.passerelle.hub.testsupport.DemoCredentials.PLIE_VAL_ORGE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.InflatingWorkbook;
import fr.passerelle.hub.testsupport.PartnerSftpClient;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A workbook that inflates far beyond its size, pushed over SFTP to the running hub: refused, the hub unharmed. */
class InflatingWorkbookIT extends HubIntegrationTest {

    @Autowired
    SftpServer sftp;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anInflatingWorkbookIsRefusedWithAReportAndTheHubStaysHealthy() throws IOException {
        String name = "participants-" + UUID.randomUUID() + ".xlsx";
        byte[] bomb = InflatingWorkbook.of("Participants", 200);
        assertThat(bomb.length).isLessThan(1024 * 1024);

        try (PartnerSftpClient plie = PartnerSftpClient.asPartner(sftp.port(), "plie-val-orge")) {
            plie.put("/inbox/" + name, bomb);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                        "select count(*) from inbound_file where partner_id = 'plie-val-orge' and file_name = :f "
                                + "and status = 'REJECTED'")
                .param("f", name).query(Integer.class).single() == 1);
        Map<String, Object> file = jdbc.sql("select reason_code, records_total from inbound_file "
                + "where partner_id = 'plie-val-orge' and file_name = :f").param("f", name).query().singleRow();
        assertThat(file).containsEntry("reason_code", "CLASSEUR_SUSPECT");

        HttpResponse<String> readiness = send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).GET());
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
        assertThat(get("/api/v1/files?status=REJECTED", PLIE_VAL_ORGE_KEY).body()).contains(name, "CLASSEUR_SUSPECT");
    }
}
