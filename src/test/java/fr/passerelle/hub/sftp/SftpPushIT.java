package fr.passerelle.hub.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static fr.passerelle.hub.testsupport.DemoCredentials.sftpPassword;
import static fr.passerelle.hub.testsupport.PartnerSamples.sample;
import static org.awaitility.Awaitility.await;

import fr.passerelle.hub.partner.PartnerFolders;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.PartnerSftpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.sshd.client.channel.ChannelDirectTcpip;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Partners pushing files over the hub's own SFTP server (SPEC §4.3), end to end: a real SFTP client, the real
 * server on its random port, the file-push routes, the intake and PostgreSQL. A small size limit and a public key
 * for AILE give this class its own hub (and its own database).
 */
class SftpPushIT extends HubIntegrationTest {

    private static final Duration PROCESSING = Duration.ofSeconds(30);
    private static final long MAX_FILE_SIZE = 64 * 1024;
    private static final KeyPair AILE_KEY = ecKeyPair();

    @DynamicPropertySource
    static void sftpSettings(DynamicPropertyRegistry registry) {
        registry.add("passerelle.sftp.max-file-size", () -> MAX_FILE_SIZE + "B");
        registry.add("passerelle.partners.aile.sftp-public-keys[0]",
                () -> PublicKeyEntry.toString(AILE_KEY.getPublic()) + " aile@test");
    }

    @Autowired
    SftpServer server;

    @Autowired
    PartnerFolders folders;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    InboxHandOver inboxHandOver;

    @Test
    void acceptsTheSixteenRowsOfTheMissionLocaleExportAndItsUtf8TwinAddsNoReferral() throws IOException {
        try (PartnerSftpClient ml = connect("ml-val-orge")) {
            ml.put("/inbox/export-imilo-2026-11-20.csv", sample("ml-val-orge/valid/export-imilo-2026-11-20.csv"));
            Map<String, Object> windows1252 = awaitFinished("ml-val-orge", "export-imilo-2026-11-20.csv");
            assertThat(windows1252).containsEntry("status", "DONE").containsEntry("records_accepted", 16)
                    .containsEntry("records_rejected", 0);
            assertThat(acceptedReferrals(windows1252)).isEqualTo(16);
            int referralsBefore = referralCount("ml-val-orge");

            ml.put("/inbox/export-imilo-2026-11-20-utf8-bom.csv",
                    sample("ml-val-orge/valid/export-imilo-2026-11-20-utf8-bom.csv"));
            Map<String, Object> utf8 = awaitFinished("ml-val-orge", "export-imilo-2026-11-20-utf8-bom.csv");
            assertThat(utf8).containsEntry("status", "DONE").containsEntry("records_accepted", 16);
            assertThat(referralCount("ml-val-orge")).isEqualTo(referralsBefore);
            assertThat(referralIds(utf8)).isEqualTo(referralIds(windows1252));
            // Accents intact whichever the charset: the UTF-8 file changed no referral's content.
            assertThat(jdbc.sql("""
                            select count(*) from referral_revision v join inbound_record r on r.referral_id = v.referral_id
                            where r.inbound_file_id = :file""")
                    .param("file", windows1252.get("id")).query(Integer.class).single()).isEqualTo(16);

            assertThat(ml.list("/inbox")).isEmpty();
            await().atMost(PROCESSING).until(() -> archived("ml-val-orge", true, "export-imilo-2026-11-20-utf8-bom.csv") == 1);
        }
    }

    @Test
    void acceptsTheTwentyOneRowsOfTheFranceTravailExtract() throws IOException {
        try (PartnerSftpClient ft = connect("ft-91")) {
            ft.put("/inbox/extract_orientations_creation_20261120.csv",
                    sample("ft-91/valid/extract_orientations_creation_20261120.csv"));
        }
        Map<String, Object> file = awaitFinished("ft-91", "extract_orientations_creation_20261120.csv");
        assertThat(file).containsEntry("status", "DONE").containsEntry("records_accepted", 21)
                .containsEntry("records_rejected", 0);
        assertThat(acceptedReferrals(file)).isEqualTo(21);
    }

    @Test
    void acceptsTheElevenRowsOfThePlieWorkbook() throws IOException {
        try (PartnerSftpClient plie = connect("plie-val-orge")) {
            plie.put("/inbox/participants-orientes-2026-11-20.xlsx",
                    sample("plie-val-orge/valid/participants-orientes-2026-11-20.xlsx"));
        }
        Map<String, Object> file = awaitFinished("plie-val-orge", "participants-orientes-2026-11-20.xlsx");
        assertThat(file).containsEntry("status", "DONE").containsEntry("records_accepted", 11)
                .containsEntry("records_rejected", 0);
        assertThat(acceptedReferrals(file)).isEqualTo(11);
        await().atMost(PROCESSING).until(() -> archived("plie-val-orge", true, "participants-orientes-2026-11-20.xlsx") == 1);
    }

    /** The outcomes samples/README.md states for each invalid sample. */
    static Stream<Arguments> invalidSamples() {
        return Stream.of(
                Arguments.of("ml-val-orge", "missing-column-date-de-naissance.csv", "REJECTED", 0, 0,
                        List.of(List.of("", "Date de naissance"))),
                // `ligne` is the line of the file, the header being line 1: data rows 3 and 5 are lines 4 and 6.
                Arguments.of("ml-val-orge", "row-3-birth-date-31-02-row-5-no-last-name.csv", "DONE", 5, 2,
                        List.of(List.of("4", "naissance"), List.of("6", "nom"))),
                Arguments.of("ft-91", "last-line-truncated.csv", "DONE", 3, 1,
                        List.of(List.of("5", ""))),
                Arguments.of("plie-val-orge", "csv-renamed-as-xlsx.xlsx", "REJECTED", 0, 0,
                        List.of(List.of("", "classeur"))),
                Arguments.of("plie-val-orge", "sheet-named-Feuil1.xlsx", "REJECTED", 0, 0,
                        List.of(List.of("", "Feuil1"))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidSamples")
    void reportsWhatIsWrongWithAnInvalidFileInThePartnersOutbox(String partner, String name, String status,
                                                                 int accepted, int rejected,
                                                                 List<List<String>> expectedRows) throws IOException {
        // Pushed under the sample's own name: a file is taken by its partner's inbox and its format (SPEC §2).
        try (PartnerSftpClient client = connect(partner)) {
            client.put("/inbox/" + name, sample(partner + "/invalid/" + name));
            Map<String, Object> file = awaitFinished(partner, name);
            assertThat(file).containsEntry("status", status).containsEntry("records_accepted", accepted)
                    .containsEntry("records_rejected", rejected);

            String reportName = (String) file.get("report_name");
            assertThat(reportName).startsWith(name.substring(0, name.lastIndexOf('.')) + ".rejets.");
            List<List<String>> rows = ReportRows.of(reportName, client.get("/outbox/" + reportName));
            List<String> header = rows.get(0);
            assertThat(header.subList(header.size() - 2, header.size())).containsExactly("ligne", "motif");
            // Rows accepted with a warning are reported too; the rejected ones are those this test is about.
            List<List<String>> reported = rows.subList(1, rows.size()).stream()
                    .map(row -> row.subList(row.size() - 2, row.size()))
                    .filter(row -> !row.get(1).startsWith("ligne acceptée"))
                    .toList();
            assertThat(reported).hasSameSizeAs(expectedRows);
            for (int i = 0; i < expectedRows.size(); i++) {
                assertThat(reported.get(i).get(0)).isEqualTo(expectedRows.get(i).get(0));
                assertThat(reported.get(i).get(1)).isNotBlank().containsIgnoringCase(expectedRows.get(i).get(1));
            }
        }
        boolean done = "DONE".equals(status);
        await().atMost(PROCESSING).until(() -> archived(partner, done, name) == 1);
    }

    @Test
    void acceptsARowWhoseNirIsWrongAndDropsTheNirWithAWarning() throws IOException {
        String name = "extract_orientations_creation_nir-with-wrong-key.csv";
        try (PartnerSftpClient ft = connect("ft-91")) {
            ft.put("/inbox/" + name, sample("ft-91/invalid/nir-with-wrong-key.csv"));
        }
        Map<String, Object> file = awaitFinished("ft-91", name);
        assertThat(file).containsEntry("status", "DONE").containsEntry("records_accepted", 5)
                .containsEntry("records_rejected", 0);
        assertThat(jdbc.sql("""
                        select count(*) from inbound_record
                        where inbound_file_id = :file and jsonb_array_length(warnings) > 0""")
                .param("file", file.get("id")).query(Integer.class).single()).isEqualTo(1);
        try (PartnerSftpClient ft = connect("ft-91")) {
            List<List<String>> report = ReportRows.of((String) file.get("report_name"),
                    ft.get("/outbox/" + file.get("report_name")));
            assertThat(report).hasSize(2);
            assertThat(report.get(1).get(report.get(1).size() - 1)).containsIgnoringCase("NIR");
        }
    }

    @Test
    void processesTheSameFileOnceWhenItIsPushedTwice() throws IOException {
        String name = "extract_orientations_creation_20261121.csv";
        byte[] content = sample("ft-91/valid/extract_orientations_creation_20261120.csv");
        try (PartnerSftpClient ft = connect("ft-91")) {
            ft.put("/inbox/" + name, content);
            await().atMost(PROCESSING).until(() -> archived("ft-91", true, name) == 1);
            ft.put("/inbox/" + name, content);
            await().atMost(PROCESSING).until(() -> archived("ft-91", true, name) == 2);
        }
        assertThat(jdbc.sql("select count(*) from inbound_file where partner_id = 'ft-91' and file_name = :name")
                .param("name", name).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from raw_message where partner_id = 'ft-91' and file_name = :name")
                .param("name", name).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void processesAFileWrittenSlowlyOnlyOnceItIsClosedWithAllItsRows() throws IOException {
        String name = "export-imilo-written-slowly.csv";
        byte[] content = sample("ml-val-orge/valid/export-imilo-2026-11-20.csv");
        try (PartnerSftpClient ml = connect("ml-val-orge");
             OutputStream out = ml.sftp().write("/inbox/" + name)) {
            int chunk = content.length / 4 + 1;
            for (int offset = 0; offset < content.length; offset += chunk) {
                out.write(content, offset, Math.min(chunk, content.length - offset));
                out.flush();
                await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                        .until(() -> inboundFiles("ml-val-orge", name) == 0 && !readyFile("ml-val-orge", name));
            }
        }
        Map<String, Object> file = awaitFinished("ml-val-orge", name);
        assertThat(file).containsEntry("status", "DONE").containsEntry("records_total", 16)
                .containsEntry("records_accepted", 16);
        assertThat(inboundFiles("ml-val-orge", name)).isEqualTo(1);
    }

    @Test
    void leavesAnUploadCutShortUnprocessedUntilItIsSentAgain() throws IOException {
        String name = "export-imilo-cut-short.csv";
        byte[] content = sample("ml-val-orge/valid/export-imilo-2026-11-20.csv");
        PartnerSftpClient cut = connect("ml-val-orge");
        OutputStream out = cut.sftp().write("/inbox/" + name);
        out.write(content, 0, content.length / 2);
        out.flush();
        cut.dropConnection();
        Path partial = folders.inbox("ml-val-orge").resolve(name);

        inboxHandOver.sweep();
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .until(() -> Files.exists(partial) && inboundFiles("ml-val-orge", name) == 0);

        try (PartnerSftpClient again = connect("ml-val-orge")) {
            again.put("/inbox/" + name, content);
        }
        assertThat(awaitFinished("ml-val-orge", name)).containsEntry("records_total", 16)
                .containsEntry("records_accepted", 16);
    }

    @Test
    void processesAFileUploadedUnderATemporaryNameOnceRenamed() throws IOException {
        String name = "export-imilo-renamed-after-upload.csv";
        byte[] content = sample("ml-val-orge/valid/export-imilo-2026-11-20-utf8-bom.csv");
        try (PartnerSftpClient ml = connect("ml-val-orge")) {
            ml.put("/inbox/" + name + ".part", content);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> ml.exists("/inbox/" + name + ".part"));
            ml.sftp().rename("/inbox/" + name + ".part", "/inbox/" + name);
        }
        assertThat(awaitFinished("ml-val-orge", name)).containsEntry("records_accepted", 16);
    }

    @Test
    void refusesAFileOfAFormatThePartnerDoesNotSendWithANoteInItsOutbox() throws IOException {
        String name = "orientations-du-jour.xlsx";
        try (PartnerSftpClient ml = connect("ml-val-orge")) {
            ml.put("/inbox/" + name, sample("plie-val-orge/valid/participants-orientes-2026-11-20.xlsx"));
            await().atMost(PROCESSING).until(() -> ml.exists("/outbox/orientations-du-jour.rejets.csv"));
            List<List<String>> note = ReportRows.of("note.csv", ml.get("/outbox/orientations-du-jour.rejets.csv"));
            assertThat(note.get(0)).containsExactly("ligne", "motif");
            assertThat(note.get(1).get(1)).contains("format de fichier inattendu").contains(".csv");
            assertThat(ml.list("/inbox")).doesNotContain(name);
        }
        assertThat(archived("ml-val-orge", false, name)).isEqualTo(1);
        assertThat(inboundFiles("ml-val-orge", name)).isZero();
        assertThat(jdbc.sql("select outcome_detail from raw_message where partner_id = 'ml-val-orge' and file_name = :n")
                .param("n", name).query(String.class).single()).isEqualTo("FORMAT_INATTENDU");
    }

    @Test
    void refusesAFileLargerThanTheLimitAndNeverProcessesIt() throws IOException {
        String name = "export-imilo-too-large.csv";
        byte[] header = sample("ml-val-orge/valid/export-imilo-2026-11-20.csv");
        byte[] content = Arrays.copyOf(header, (int) MAX_FILE_SIZE + 10_000);
        Arrays.fill(content, header.length, content.length, (byte) '\n');
        try (PartnerSftpClient ml = connect("ml-val-orge")) {
            assertThatThrownBy(() -> ml.put("/inbox/" + name, content))
                    .isInstanceOf(IOException.class).hasMessageContaining("trop volumineux");
            await().atMost(PROCESSING).until(() -> ml.exists("/outbox/export-imilo-too-large.rejets.csv"));
            assertThat(ReportRows.of("note.csv", ml.get("/outbox/export-imilo-too-large.rejets.csv")).get(1).get(1))
                    .contains("dépasse la limite");
            assertThat(ml.list("/inbox")).doesNotContain(name);
        }
        assertThat(readyFile("ml-val-orge", name)).isFalse();
        assertThat(inboundFiles("ml-val-orge", name)).isZero();
    }

    @Test
    void refusesAWrongPasswordAndAnUnknownAccount() {
        assertThatThrownBy(() -> PartnerSftpClient.withPassword(server.port(), "ml-val-orge", sftpPassword("aile")))
                .isInstanceOf(Exception.class);
        assertThatThrownBy(() -> PartnerSftpClient.asPartner(server.port(), "nobody"))
                .isInstanceOf(Exception.class);
    }

    @Test
    void confinesEachPartnerToItsOwnHome() throws IOException {
        folders.writeToOutbox("aile", "secret-de-aile.csv", "ligne;motif\r\n".getBytes(StandardCharsets.UTF_8));
        try (PartnerSftpClient ml = connect("ml-val-orge")) {
            assertThat(ml.list("/")).containsExactlyInAnyOrder("inbox", "outbox");
            assertThat(ml.list("/..")).containsExactlyInAnyOrder("inbox", "outbox");
            for (String escape : List.of("../aile/inbox/export-imilo-escape.csv", "/../aile/inbox/export-imilo-escape.csv",
                    "/inbox/../../aile/inbox/export-imilo-escape.csv",
                    folders.inbox("aile").resolve("export-imilo-escape.csv").toString())) {
                assertThatThrownBy(() -> ml.put(escape, "x".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
            }
            for (String escape : List.of("../aile/outbox/secret-de-aile.csv", "/inbox/../../aile/outbox/secret-de-aile.csv",
                    folders.outbox("aile").resolve("secret-de-aile.csv").toString())) {
                assertThatThrownBy(() -> ml.get(escape)).isInstanceOf(IOException.class);
            }
            assertThatThrownBy(() -> ml.sftp().symLink("/inbox/link-to-aile", "../aile/outbox/secret-de-aile.csv"))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> ml.sftp().symLink("/inbox/link-to-root", "/"))
                    .isInstanceOf(IOException.class);
            assertThat(ml.exists("/inbox/link-to-aile")).isFalse();
        }
        try (Stream<Path> aileInbox = Files.list(folders.inbox("aile"))) {
            assertThat(aileInbox).isEmpty();
        }
    }

    @Test
    void offersSftpAndNothingElse() throws IOException {
        SshdSocketAddress hubHttp = new SshdSocketAddress("localhost", port);
        try (ClientSession session = PartnerSftpClient.sshSession(server.port(), "ml-val-orge", sftpPassword("ml-val-orge"))) {
            assertThat(runs(session.createExecChannel("id"))).isFalse();
            assertThat(runs(session.createShellChannel())).isFalse();
            ChannelDirectTcpip tunnel = session.createDirectTcpipChannel(new SshdSocketAddress("localhost", 0), hubHttp);
            assertThatThrownBy(() -> tunnel.open().verify(Duration.ofSeconds(5))).isInstanceOf(Exception.class);
            assertThatThrownBy(() -> session.startRemotePortForwarding(new SshdSocketAddress("localhost", 0),
                    hubHttp)).isInstanceOf(Exception.class);
        }
    }

    /** Whether the server ran what the channel asked for: an exit status or any output. */
    private static boolean runs(ClientChannel channel) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        channel.setOut(output);
        channel.setErr(output);
        try {
            channel.open().verify(Duration.ofSeconds(5));
        } catch (IOException | RuntimeException refused) {
            return false;
        }
        channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED, ClientChannelEvent.EXIT_STATUS), Duration.ofSeconds(1));
        boolean ran = channel.getExitStatus() != null || output.size() > 0;
        channel.close(true);
        return ran;
    }

    @Test
    void letsAPartnerLogInWithItsRegisteredPublicKey() throws IOException {
        try (PartnerSftpClient aile = PartnerSftpClient.withKey(server.port(), "aile", AILE_KEY)) {
            assertThat(aile.list("/")).containsExactlyInAnyOrder("inbox", "outbox");
        }
        assertThatThrownBy(() -> PartnerSftpClient.withKey(server.port(), "ml-val-orge", AILE_KEY))
                .isInstanceOf(Exception.class);
    }

    private PartnerSftpClient connect(String partnerId) throws IOException {
        return PartnerSftpClient.asPartner(server.port(), partnerId);
    }

    private Map<String, Object> awaitFinished(String partnerId, String fileName) {
        await().atMost(PROCESSING).until(() -> jdbc.sql("""
                        select count(*) from inbound_file
                        where partner_id = :p and file_name = :f and status in ('DONE', 'REJECTED')""")
                .param("p", partnerId).param("f", fileName).query(Integer.class).single() == 1);
        return jdbc.sql("select * from inbound_file where partner_id = :p and file_name = :f")
                .param("p", partnerId).param("f", fileName).query().singleRow();
    }

    private int acceptedReferrals(Map<String, Object> file) {
        return jdbc.sql("""
                        select count(distinct f.referral_id) from inbound_record f join referral r on r.id = f.referral_id
                        where f.inbound_file_id = :file and f.outcome = 'ACCEPTED' and r.status = 'ACCEPTED'
                        and r.beneficiary_id is not null""")
                .param("file", file.get("id")).query(Integer.class).single();
    }

    private List<Object> referralIds(Map<String, Object> file) {
        return jdbc.sql("select referral_id from inbound_record where inbound_file_id = :file order by referral_id")
                .param("file", file.get("id")).query().singleColumn();
    }

    private int referralCount(String partnerId) {
        return jdbc.sql("select count(*) from referral where partner_id = :p").param("p", partnerId)
                .query(Integer.class).single();
    }

    private int inboundFiles(String partnerId, String fileName) {
        return jdbc.sql("select count(*) from inbound_file where partner_id = :p and file_name = :f")
                .param("p", partnerId).param("f", fileName).query(Integer.class).single();
    }

    private boolean readyFile(String partnerId, String fileName) {
        return Files.exists(folders.root().resolve(".ready").resolve(partnerId).resolve(fileName));
    }

    private long archived(String partnerId, boolean done, String fileName) throws IOException {
        try (Stream<Path> files = Files.list(folders.archive(partnerId, done))) {
            return files.filter(file -> file.getFileName().toString().endsWith("-" + fileName)).count();
        }
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
