package fr.passerelle.hub.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.passerelle.hub.handoff.WebhookReceiver;
import fr.passerelle.hub.testsupport.PartnerDialects;
import fr.passerelle.hub.testsupport.PartnerSftpClient;
import fr.passerelle.hub.testsupport.StandaloneHub;
import fr.passerelle.hub.testsupport.SyntheticReferral;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two hub instances on one PostgreSQL and one shared files volume (issue 10, docs/decisions/0005-cluster-service.md):
 * the file consumers run on the leader only (Camel's file-lock cluster service), both run their SFTP server and
 * their handoff dispatcher. The partner pushes a Mission Locale file to the follower's SFTP server; the leader takes
 * it and is stopped abruptly in the middle of it. The other instance becomes leader and finishes the file: every row
 * is processed exactly once, and every handoff (one acknowledgement per referral, by webhook) delivered once.
 */
class TwoHubsOneDatabaseIT {

    private static final int ROWS = 400;
    private static final String FILE = "export-imilo-2026-12-02-deux-instances.csv";
    private static final String SECRET = "two-hubs-webhook-secret";

    @Test
    void theSecondInstanceTakesOverAFileItsLeaderDiedInTheMiddleOfWithEveryRowAndHandoffOnce(@TempDir Path temp)
            throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setDataDirectory(temp.resolve("pg"))
                .setCleanDataDirectory(true).start();
             WebhookReceiver receiver = new WebhookReceiver(SECRET)) {
            String url = postgres.getJdbcUrl("postgres", "postgres");
            ConfigurableApplicationContext first = StandaloneHub.startFresh(temp, instance("hub-a", url, receiver));
            ConfigurableApplicationContext second = null;
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> consuming(first));
                second = StandaloneHub.startFresh(temp, instance("hub-b", url, receiver));
                ConfigurableApplicationContext follower = second;
                assertThat(consuming(follower)).as("one leader at a time").isFalse();
                // The scans of everyone followed and the pruning batches run once, on the leader.
                for (String leaderWork : List.of("handoff-watch-no-active-referent", "retention-prune")) {
                    assertThat(running(first, leaderWork)).as(leaderWork + " on the leader").isTrue();
                    assertThat(running(follower, leaderWork)).as(leaderWork + " on the follower").isFalse();
                }

                // Pushed to the follower's SFTP server: the files volume is shared, the leader's consumer takes it.
                int followerSftp = Integer.parseInt(follower.getEnvironment().getProperty("local.sftp.port"));
                try (PartnerSftpClient ml = PartnerSftpClient.asPartner(followerSftp, "ml-val-orge")) {
                    ml.put("/inbox/" + FILE, missionLocaleExport(ROWS));
                }
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                        .until(() -> count(postgres, "select count(*) from inbound_record") >= 60);
                first.close();
                int recordedByTheFirst = count(postgres, "select count(*) from inbound_record");
                assertThat(recordedByTheFirst).as("the leader died in the middle of the file").isLessThan(ROWS);

                await().atMost(Duration.ofSeconds(60)).until(() -> consuming(follower));
                await().atMost(Duration.ofSeconds(180)).until(() -> count(postgres,
                        "select count(*) from inbound_file where file_name = '" + FILE + "' and status = 'DONE'") == 1);
                assertThat(count(postgres, "select count(*) from inbound_file")).isEqualTo(1);
                assertThat(count(postgres, "select count(*) from raw_message where partner_id = 'ml-val-orge'"))
                        .isEqualTo(1);
                assertThat(count(postgres, "select count(*) from inbound_record")).isEqualTo(ROWS);
                assertThat(count(postgres, "select count(*) from inbound_record where outcome = 'ACCEPTED'"))
                        .isEqualTo(ROWS);
                assertThat(count(postgres, "select count(*) from referral")).isEqualTo(ROWS);
                assertThat(count(postgres, "select count(*) from referral_revision")).isEqualTo(ROWS);
                assertThat(count(postgres, "select count(*) from beneficiary")).isEqualTo(ROWS);

                int handoffs = count(postgres, "select count(*) from handoff where recipient_partner_id = 'ml-val-orge'");
                assertThat(handoffs).as("one acknowledgement per referral").isEqualTo(ROWS);
                await().atMost(Duration.ofSeconds(120)).until(() -> count(postgres,
                        "select count(*) from handoff where status = 'DELIVERED'") == handoffs);
                assertThat(count(postgres, "select count(*) from handoff_attempt where outcome = 'DELIVERED'"))
                        .isEqualTo(handoffs);
                Map<String, Integer> deliveries = receiver.deliveries();
                assertThat(deliveries).hasSize(handoffs);
                assertThat(deliveries.values()).as("each handoff received once").containsOnly(1);
            } finally {
                first.close();
                if (second != null) {
                    second.close();
                }
            }
        }
    }

    private static String[] instance(String id, String url, WebhookReceiver receiver) {
        return new String[]{"--passerelle.database.embedded.enabled=false", "--spring.datasource.url=" + url,
                "--spring.datasource.username=postgres", "--spring.datasource.password=",
                "--passerelle.cluster.enabled=true", "--passerelle.cluster.instance-id=" + id,
                "--passerelle.cluster.acquire-lock-delay=100ms", "--passerelle.cluster.acquire-lock-interval=500ms",
                "--passerelle.cluster.resume-interval=1s",
                "--passerelle.sftp.poll-delay=100ms", "--passerelle.intake.chunk-size=20",
                // Abrupt: Camel gives its routes a second, then the context goes on closing under them.
                "--camel.main.shutdown-timeout=1",
                "--passerelle.handoffs.dispatch.poll-interval=200ms", "--passerelle.handoffs.dispatch.initial-delay=0s",
                "--passerelle.handoffs.dispatch.claim-lease=10s",
                "--passerelle.handoffs.webhooks.ml-val-orge.url=" + receiver.url(),
                "--passerelle.handoffs.webhooks.ml-val-orge.secret=" + SECRET,
                "--passerelle.sftp.host-key-file=" + Path.of("target", "test-sftp-host-key").toAbsolutePath()};
    }

    private static boolean consuming(ConfigurableApplicationContext hub) {
        return running(hub, "ml-val-orge-sftp-push");
    }

    private static boolean running(ConfigurableApplicationContext hub, String routeId) {
        ServiceStatus status = hub.getBean(CamelContext.class).getRouteController().getRouteStatus(routeId);
        return status != null && status.isStarted();
    }

    private static int count(EmbeddedPostgres postgres, String sql) throws Exception {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }

    /** Distinct invented people, each with a birth date of its own, in the Mission Locale's dialect. */
    private static byte[] missionLocaleExport(int rows) {
        List<SyntheticReferral> people = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            LocalDate birthDate = LocalDate.of(2001 + (i / 336) % 9, (i / 28) % 12 + 1, i % 28 + 1);
            people.add(new SyntheticReferral("ml-val-orge", String.valueOf(80_000_000 + i), null,
                    lastName(i), null, "Camille", birthDate, i % 2 == 0 ? 'F' : 'H', null,
                    null, "07%08d".formatted(20_000_000 + i), "instance" + i + "@essai.example.org", "2 rue des Essais",
                    "91220", "Brétigny-sur-Orge"));
        }
        return PartnerDialects.missionLocaleCsv(people);
    }

    private static String lastName(int i) {
        String[] syllables = {"ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vi", "zo",
                "ka", "le", "mo", "na", "ri", "tu"};
        return "Dou" + syllables[i % 20] + syllables[(i / 20) % 20] + syllables[(i / 400) % 20] + "ne";
    }
}
