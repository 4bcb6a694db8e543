package fr.passerelle.hub.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.passerelle.hub.testsupport.PartnerSftpClient;
import fr.passerelle.hub.testsupport.StandaloneHub;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Per-partner quotas of what waits for the hub, with a real SFTP client: files under a temporary name are never
 * handed over, so they stay waiting in the inbox for as long as the test needs.
 */
class SftpQuotaIT {

    @TempDir
    Path temp;

    @Test
    void refusesUploadsBeyondThePartnersQuotasOfWaitingBytesAndFilesWithAClearMessage() throws IOException {
        try (ConfigurableApplicationContext hub = StandaloneHub.startFresh(temp,
                "--passerelle.sftp.max-waiting-files=2", "--passerelle.sftp.max-waiting-bytes=1000B")) {
            int port = hub.getBean(SftpServer.class).port();
            try (PartnerSftpClient ml = PartnerSftpClient.asPartner(port, "ml-val-orge")) {
                ml.put("/inbox/first.csv.part", new byte[600]);

                assertThatThrownBy(() -> ml.put("/inbox/second.csv.part", new byte[600]))
                        .isInstanceOf(IOException.class).hasMessageContaining("trop de données en attente");
                assertThat(ml.list("/inbox")).containsExactly("first.csv.part");

                ml.put("/inbox/small.csv.part", new byte[100]);
                assertThatThrownBy(() -> ml.put("/inbox/third.csv.part", new byte[10]))
                        .isInstanceOf(IOException.class).hasMessageContaining("trop de fichiers en attente");
                assertThat(ml.list("/inbox")).containsExactlyInAnyOrder("first.csv.part", "small.csv.part");

                // Quotas are per partner: another partner still uploads.
                try (PartnerSftpClient plie = PartnerSftpClient.asPartner(port, "plie-val-orge")) {
                    plie.put("/inbox/participants.xlsx.part", new byte[600]);
                    assertThat(plie.list("/inbox")).contains("participants.xlsx.part");
                }

                // What no longer waits no longer counts.
                ml.sftp().remove("/inbox/first.csv.part");
                ml.put("/inbox/third.csv.part", new byte[10]);
                assertThat(ml.list("/inbox")).containsExactlyInAnyOrder("small.csv.part", "third.csv.part");
            }
        }
    }
}
