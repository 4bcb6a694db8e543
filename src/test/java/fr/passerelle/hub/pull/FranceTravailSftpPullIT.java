package fr.passerelle.hub.pull;

import static fr.passerelle.hub.testsupport.PartnerSamples.path;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.passerelle.hub.testsupport.HubIntegrationTest;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The hub pulls France Travail's nightly extract from France Travail's SFTP server, checking its host key. */
class FranceTravailSftpPullIT extends HubIntegrationTest {

    private static final FakeFranceTravailSftp SFTP = new FakeFranceTravailSftp();

    @DynamicPropertySource
    static void pointTheFeedAtFranceTravail(DynamicPropertyRegistry registry) {
        registry.add("passerelle.pull.sftp.ft-91-sftp.enabled", () -> "true");
        registry.add("passerelle.pull.sftp.ft-91-sftp.host", () -> "127.0.0.1");
        registry.add("passerelle.pull.sftp.ft-91-sftp.port", SFTP::port);
        registry.add("passerelle.pull.sftp.ft-91-sftp.directory", () -> FakeFranceTravailSftp.DIRECTORY);
        registry.add("passerelle.pull.sftp.ft-91-sftp.username", () -> FakeFranceTravailSftp.USER);
        registry.add("passerelle.pull.sftp.ft-91-sftp.password", () -> FakeFranceTravailSftp.PASSWORD);
        registry.add("passerelle.pull.sftp.ft-91-sftp.known-hosts-file", () -> SFTP.knownHosts().toString());
        registry.add("passerelle.pull.sftp.ft-91-sftp.strict-host-key-checking", () -> "yes");
    }

    @AfterAll
    static void stopFranceTravail() throws IOException {
        SFTP.close();
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void takesTheNightlyExtractOnceAndLeavesItOnFranceTravailsServer() {
        String name = "extract_orientations_creation_20261120.csv";
        SFTP.publish(path("ft-91/valid/" + name), name);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(name).contains("DONE"));
        assertThat(jdbc.sql("""
                        select records_accepted || '/' || records_total from inbound_file
                        where partner_id = 'ft-91' and channel = 'SFTP_PULL' and file_name = :name""")
                .param("name", name).query(String.class).single()).isEqualTo("21/21");
        assertThat(jdbc.sql("""
                        select count(*) from referral r where r.partner_id = 'ft-91' and r.record_key in (
                            select record_key from inbound_record i join inbound_file f on f.id = i.inbound_file_id
                            where f.file_name = :name and i.outcome = 'ACCEPTED')""")
                .param("name", name).query(Integer.class).single()).isEqualTo(21);

        int listingsAfterIntake = SFTP.listings();
        await().atMost(Duration.ofSeconds(30)).until(() -> SFTP.listings() >= listingsAfterIntake + 3);
        assertThat(status(name)).containsExactly("DONE");
        assertThat(SFTP.downloads(name)).isEqualTo(1);
        assertThat(SFTP.folder().resolve(name)).exists();
    }

    @Test
    void takesAnExtractThatAppearsAfterEarlierPollsAndDropsAnInvalidNirWithAWarning() {
        int listingsBefore = SFTP.listings();
        await().atMost(Duration.ofSeconds(30)).until(() -> SFTP.listings() > listingsBefore);
        String name = "extract_orientations_creation_20261121.csv";

        SFTP.publish(path("ft-91/invalid/nir-with-wrong-key.csv"), name);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(name).contains("DONE"));
        assertThat(jdbc.sql("select records_accepted || '/' || records_total from inbound_file where file_name = :name")
                .param("name", name).query(String.class).single()).isEqualTo("5/5");
        List<String> warnings = jdbc.sql("""
                        select (w ->> 'field') || ' ' || (w ->> 'code') || ' ' || (w ->> 'message') from inbound_record i join inbound_file f on f.id = i.inbound_file_id,
                        jsonb_array_elements(i.warnings) w where f.file_name = :name""")
                .param("name", name).query(String.class).list();
        assertThat(warnings).containsExactly("nir NIR_INVALIDE NIR ignoré : la clé de contrôle ne correspond pas");
    }

    private List<String> status(String name) {
        return jdbc.sql("select status from inbound_file where partner_id = 'ft-91' and file_name = :name")
                .param("name", name).query(String.class).list();
    }
}
