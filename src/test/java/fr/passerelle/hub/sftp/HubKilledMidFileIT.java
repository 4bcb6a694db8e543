package fr.passerelle.hub.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.passerelle.hub.testsupport.FreePorts;
import fr.passerelle.hub.testsupport.HubClient;
import fr.passerelle.hub.testsupport.PartnerDialects;
import fr.passerelle.hub.testsupport.PartnerSamples;
import fr.passerelle.hub.testsupport.PartnerSftpClient;
import fr.passerelle.hub.testsupport.SyntheticReferral;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * "A crash at any point loses nothing" (SPEC §3), for real: the hub runs as a separate JVM on a fixed data folder
 * and database port, is killed (SIGKILL, its PostgreSQL with it, as when a machine dies) in the middle of a
 * 3,000-row file pushed over SFTP, then started again on the same data. Every row must end up accepted exactly once.
 */
class HubKilledMidFileIT {

    private static final int ROWS = 3_000;
    private static final String FILE = "export-imilo-2026-12-01-volume.csv";
    /** Generous: about 15 s each on an idle laptop, several times that on a loaded CI runner. */
    private static final Duration START = Duration.ofSeconds(180);
    private static final Duration PROCESSING = Duration.ofSeconds(240);

    private final Path data = Path.of("target", "hub-killed", UUID.randomUUID().toString()).toAbsolutePath();
    private final int httpPort = FreePorts.next();
    private final int sftpPort = FreePorts.next();
    private final int databasePort = FreePorts.next();
    private final List<Process> hubs = new ArrayList<>();

    @Test
    void aHubKilledInTheMiddleOfAFileProcessesTheRestOnRestartWithNoRowLostOrDoubled() throws Exception {
        Process first = startHub(1, true);
        try (PartnerSftpClient ml = PartnerSftpClient.asPartner(sftpPort, "ml-val-orge")) {
            ml.put("/inbox/" + FILE, missionLocaleExport(ROWS));
        }
        await().atMost(PROCESSING).pollInterval(Duration.ofMillis(10))
                .until(() -> count("select count(*) from inbound_record") >= 100);
        first.destroyForcibly();
        first.waitFor();
        int recordedBeforeKill = count("select count(*) from inbound_record");
        killPostgres();
        assertThat(recordedBeforeKill).as("the hub was killed in the middle of the file").isBetween(1, ROWS - 1);
        // While the hub was down, France Travail dropped its extract into its inbox: the start-up sweep takes it.
        Files.copy(PartnerSamples.path("ft-91/valid/extract_orientations_creation_20261120.csv"),
                data.resolve("files/ft-91/inbox/extract_orientations_creation_20261120.csv"));

        // Not awaiting readiness: the hub becomes ready only once it has resumed the file.
        startHub(2, false);
        await().atMost(PROCESSING).ignoreExceptions().until(() -> count("""
                select count(*) from inbound_file where file_name = '%s' and status = 'DONE'""".formatted(FILE)) == 1);
        assertThat(count("select count(*) from inbound_file where partner_id = 'ml-val-orge'")).isEqualTo(1);
        assertThat(count("select count(*) from raw_message where partner_id = 'ml-val-orge'")).isEqualTo(1);
        assertThat(count("select count(*) from inbound_record")).isEqualTo(ROWS);
        assertThat(count("select count(*) from inbound_record where outcome = 'ACCEPTED'")).isEqualTo(ROWS);
        assertThat(count("select count(*) from referral where partner_id = 'ml-val-orge'")).isEqualTo(ROWS);
        assertThat(count("select count(distinct record_key) from referral where partner_id = 'ml-val-orge'"))
                .isEqualTo(ROWS);
        assertThat(count("select count(*) from referral_revision v join referral r on r.id = v.referral_id "
                + "where r.partner_id = 'ml-val-orge'")).isEqualTo(ROWS);
        assertThat(count("select count(*) from beneficiary")).isGreaterThanOrEqualTo(ROWS);

        // The file waiting in the ready area when the hub died is consumed again, seen as already processed, archived.
        await().atMost(Duration.ofSeconds(30)).until(() -> archivedAs(FILE).isPresent());
        try (Stream<Path> waiting = Files.list(data.resolve("files/.ready/ml-val-orge"))) {
            assertThat(waiting).isEmpty();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> count("""
                select count(*) from inbound_file where partner_id = 'ft-91' and status = 'DONE'
                and records_accepted = 21""") == 1);
    }

    @AfterEach
    void stopHubs() throws Exception {
        for (Process hub : hubs) {
            if (hub.isAlive()) {
                hub.destroy();
                if (!hub.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    kill(hub);
                }
            }
        }
        killPostgres();
    }

    private Process startHub(int run, boolean awaitReadiness) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx768m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "fr.passerelle.hub.PasserelleApplication",
                "--spring.profiles.active=test",
                "--server.port=" + httpPort,
                "--passerelle.database.embedded.port=" + databasePort,
                "--passerelle.database.embedded.data-directory=" + data.resolve("pgdata"),
                "--passerelle.database.embedded.clean-on-start=false",
                "--passerelle.files.root=" + data.resolve("files"),
                "--passerelle.sftp.port=" + sftpPort,
                "--passerelle.sftp.host-key-file=" + data.resolve("sftp-host-key"),
                // Deliveries to partners are not what this test is about: handoffs are recorded, not sent.
                "--passerelle.handoffs.dispatch.enabled=false");
        Files.createDirectories(data);
        Process hub = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(data.resolve("hub-run-" + run + ".log").toFile())
                .start();
        hubs.add(hub);
        if (!awaitReadiness) {
            return hub;
        }
        HubClient http = new HubClient(httpPort);
        await().atMost(START).pollInterval(Duration.ofMillis(200))
                .failFast("the hub process exited; see " + data.resolve("hub-run-" + run + ".log"), () -> !hub.isAlive())
                .ignoreExceptions()
                .until(() -> http.get("/actuator/health/readiness", null).statusCode() == 200);
        return hub;
    }

    /** SIGKILL the hub, then its PostgreSQL, which runs detached from the JVM that started it. */
    private void kill(Process hub) throws Exception {
        hub.destroyForcibly();
        hub.waitFor();
        killPostgres();
    }

    private void killPostgres() throws Exception {
        Path pid = data.resolve("pgdata/postmaster.pid");
        if (!Files.exists(pid)) {
            return;
        }
        long postmaster = Long.parseLong(Files.readAllLines(pid).get(0).trim());
        Optional<ProcessHandle> handle = ProcessHandle.of(postmaster);
        if (handle.isEmpty()) {
            return;
        }
        List<ProcessHandle> backends = handle.get().descendants().toList();
        handle.get().destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !handle.get().isAlive() && backends.stream().noneMatch(ProcessHandle::isAlive));
    }

    private int count(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + databasePort + "/postgres", "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }

    private Optional<Path> archivedAs(String fileName) throws IOException {
        Path done = data.resolve("files/.processed/ml-val-orge/done");
        if (!Files.isDirectory(done)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(done)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-" + fileName)).findFirst();
        }
    }

    /**
     * An i-milo export in the Mission Locale dialect (UTF-8 with a BOM, {@code ;}, CRLF, dd/MM/yyyy), of distinct
     * invented people: each has a birth date of its own, so none can be mistaken for another.
     */
    static byte[] missionLocaleExport(int rows) {
        String[] syllables = {"ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ru", "sa", "te", "vi", "zo",
                "ka", "le", "mo", "na", "ri", "tu"};
        String[] firstNames = {"Léa", "Hugo", "Chloé", "Nathan", "Inès", "Lucas", "Manon", "Yanis", "Camille", "Adam",
                "Sarah", "Noah", "Jade", "Rayan", "Lina", "Mathis", "Zoé", "Ethan", "Anaïs", "Sacha"};
        List<SyntheticReferral> people = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String lastName = capitalized(syllables[i % 20] + syllables[(i / 20) % 20] + syllables[(i / 400) % 20]
                    + "ne");
            LocalDate birthDate = LocalDate.of(2001 + (i / 336) % 9, (i / 28) % 12 + 1, i % 28 + 1);
            people.add(new SyntheticReferral("ml-val-orge", String.valueOf(70_000_000 + i), null, lastName, null,
                    firstNames[i % firstNames.length], birthDate, i % 2 == 0 ? 'F' : 'H', null, null,
                    "06%08d".formatted(10_000_000 + i), "personne" + i + "@essai.example.org",
                    (i % 90 + 1) + " rue des Essais", "91220", "Brétigny-sur-Orge"));
        }
        return PartnerDialects.missionLocaleCsv(people);
    }

    private static String capitalized(String name) {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
