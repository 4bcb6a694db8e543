package fr.passerelle.hub.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.PartnerSftpClient;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Onboarding a partner with a new dialect is a mapping file, a route file and its configuration — no Java. This
 * hub gets a partner that exists only in test resources (src/test/resources/onboarding) and takes its file over
 * SFTP like any other.
 */
@TestPropertySource(properties = {
        "passerelle.partners.mjc-grigny.name=MJC de Grigny",
        "passerelle.partners.mjc-grigny.kind=ASSOCIATION",
        "passerelle.partners.mjc-grigny.api-key=demo-mjc-grigny-key",
        "passerelle.partners.mjc-grigny.sftp-password=demo-mjc-grigny-sftp",
        "passerelle.partners.mjc-grigny.inbound=SFTP_PUSH",
        "passerelle.partners.mjc-grigny.outbound=PULL_API",
        "passerelle.mappings.location=file:mappings,classpath:onboarding/mappings",
        "camel.main.routes-include-pattern=file:routes/*.yaml,file:routes/templates/*.yaml,classpath:onboarding/routes/*.yaml"})
class PartnerOnboardingIT extends HubIntegrationTest {

    private static final Path SAMPLE = Path.of("src", "test", "resources", "onboarding", "samples",
            "inscriptions-2026-11-21.csv");

    @Autowired
    SftpServer server;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPartnerAddedByFilesOnlyHasItsExportTakenOverSftp() throws Exception {
        try (PartnerSftpClient mjc = PartnerSftpClient.asPartner(server.port(), "mjc-grigny")) {
            mjc.put("inbox/inscriptions-2026-11-21.csv", Files.readAllBytes(SAMPLE));
            await().atMost(Duration.ofSeconds(60)).until(() -> mjc.list("outbox").stream()
                    .anyMatch(name -> name.startsWith("inscriptions-2026-11-21.rejets")));

            List<String> accepted = jdbc.sql("select record_key from referral where partner_id = 'mjc-grigny' order by 1")
                    .query(String.class).list();
            assertThat(accepted).containsExactly("MJC-0001", "MJC-0002");
            String barriers = jdbc.sql("""
                            select string_agg(b.code, ',' order by b.code) from beneficiary_barrier b
                            join referral r on r.beneficiary_id = b.beneficiary_id
                            where r.partner_id = 'mjc-grigny' and r.record_key = 'MJC-0001'
                            """).query(String.class).single();
            assertThat(barriers).isEqualTo("LOGEMENT,MOBILITE");
            String firstName = jdbc.sql("""
                            select b.birth_name from beneficiary b join referral r on r.beneficiary_id = b.beneficiary_id
                            where r.partner_id = 'mjc-grigny' and r.record_key = 'MJC-0002'
                            """.replace("b.beneficiary_id", "b.id")).query(String.class).single();
            assertThat(firstName).isEqualTo("Haddad");

            String report = new String(mjc.get("outbox/" + mjc.list("outbox").stream()
                    .filter(name -> name.startsWith("inscriptions-2026-11-21.rejets")).findFirst().orElseThrow()),
                    Charset.forName("ISO-8859-15"));
            assertThat(report.lines().findFirst().orElseThrow()).endsWith("ligne,motif");
            assertThat(report).contains("MJC-0003").contains("Ne le");
        }
    }
}
