package fr.passerelle.hub.sftp;

import static fr.passerelle.hub.testsupport.DemoCredentials.ML_VAL_ORGE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.journal.Journal;
import fr.passerelle.hub.testsupport.HubClient;
import fr.passerelle.hub.testsupport.PartnerSamples;
import fr.passerelle.hub.testsupport.PartnerSftpClient;
import fr.passerelle.hub.testsupport.StandaloneHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A file whose processing stops the same way each time it is resumed (here: its mapping was withdrawn while it was in
 * progress, so every resume fails at the same record with the same failure) is quarantined after two such resumes
 * instead of being resumed at every start for ever; what it already delivered is kept.
 */
class FileQuarantineIT {

    private static final String FILE = "export-imilo-2026-11-20.csv";

    @TempDir
    Path temp;

    @Test
    void aFileStoppedTheSameWayOnTwoResumesInARowIsQuarantinedAndShownToPartnerAndOperator() throws Exception {
        UUID fileId;
        int records;
        int referrals;
        try (ConfigurableApplicationContext hub = StandaloneHub.startOnKeptData(temp)) {
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            try (PartnerSftpClient ml = PartnerSftpClient.asPartner(hub.getBean(SftpServer.class).port(), "ml-val-orge")) {
                ml.put("/inbox/" + FILE, Files.readAllBytes(PartnerSamples.path("ml-val-orge/valid/" + FILE)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                            "select count(*) from inbound_file where file_name = :f and status = 'DONE'")
                    .param("f", FILE).query(Integer.class).single() == 1);
            fileId = jdbc.sql("select id from inbound_file where file_name = :f").param("f", FILE)
                    .query(UUID.class).single();
            records = count(jdbc, "select count(*) from inbound_record");
            referrals = count(jdbc, "select count(*) from referral where partner_id = 'ml-val-orge'");
            assertThat(records).isPositive();
            // The hub stopped in the middle of the file, and its mapping was withdrawn before the next start.
            jdbc.sql("""
                    update inbound_file set status = 'PROCESSING', finished_at = null, mapping_id = 'ml-withdrawn.v0'
                    where id = :id""").param("id", fileId).update();
        }

        try (ConfigurableApplicationContext hub = StandaloneHub.startOnKeptData(temp)) {
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            PayloadIntake intake = hub.getBean(PayloadIntake.class);
            // The start-up resume failed: recorded, the hub started all the same, the file still waits.
            Map<String, Object> afterStart = file(jdbc, fileId);
            assertThat(afterStart).containsEntry("status", "PROCESSING").containsEntry("resume_attempts", 1);
            String failure = (String) afterStart.get("last_failure_code");
            assertThat(failure).isNotBlank();

            intake.resumeOrphaned();
            assertThat(file(jdbc, fileId)).containsEntry("status", "PROCESSING").containsEntry("resume_attempts", 2);

            intake.resumeOrphaned();
            Map<String, Object> quarantined = file(jdbc, fileId);
            assertThat(quarantined).containsEntry("status", "QUARANTINED")
                    .containsEntry("reason_code", "FILE_QUARANTINED")
                    .containsEntry("resume_attempts", 2)
                    .containsEntry("records_total", records);
            assertThat((String) quarantined.get("reason")).contains("après " + records + " enregistrement(s)", failure);

            intake.resumeOrphaned();
            assertThat(file(jdbc, fileId)).containsEntry("status", "QUARANTINED").containsEntry("resume_attempts", 2);
            assertThat(count(jdbc, "select count(*) from inbound_record")).isEqualTo(records);
            assertThat(count(jdbc, "select count(*) from referral where partner_id = 'ml-val-orge'")).isEqualTo(referrals);

            assertThat(HubClient.of(hub).get("/api/v1/files?status=QUARANTINED", ML_VAL_ORGE_KEY).body())
                    .contains(fileId.toString(), "FILE_QUARANTINED");
            UUID rawMessage = jdbc.sql("select raw_message_id from inbound_file where id = :id").param("id", fileId)
                    .query(UUID.class).single();
            assertThat(hub.getBean(Journal.class).failedMessages(100)).extracting(Journal.Entry::id).contains(rawMessage);
        }
    }

    private static Map<String, Object> file(JdbcClient jdbc, UUID id) {
        return jdbc.sql("""
                select status, reason_code, reason, resume_attempts, last_failure_code, records_total
                from inbound_file where id = :id""").param("id", id).query().singleRow();
    }

    private static int count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
