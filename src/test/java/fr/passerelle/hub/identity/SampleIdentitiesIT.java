package fr.passerelle.hub.identity;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.PartnerSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.intake.IntakeSource;
import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.intake.MessageOutcome;
import fr.passerelle.hub.intake.PayloadOutcome;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.PartnerSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * After every valid sample of every partner, the hub holds exactly the 40 people of truth.csv, each referral on
 * its person's one record, with nothing left for review (samples/README.md).
 */
@TestPropertySource(properties = "passerelle.test.isolated-context=sample-identities")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SampleIdentitiesIT extends HubIntegrationTest {

    @Autowired
    PayloadIntake payloads;

    @Autowired
    JdbcClient jdbc;

    private static boolean ingested;

    @BeforeEach
    void ingestEveryValidSampleOnce() throws IOException {
        if (ingested) {
            return;
        }
        ingested = true;
        receive("ml-val-orge", "ml-val-orge/imilo-export.v1", "ml-val-orge/valid/export-imilo-2026-11-20.csv", 16);
        receive("ml-val-orge", "ml-val-orge/imilo-export.v1", "ml-val-orge/valid/export-imilo-2026-11-20-utf8-bom.csv", 16);
        receive("ml-val-orge", "ml-val-orge/dossiers-api.v1", "ml-val-orge/api/dossiers-page-1.json", -1);
        receive("ml-val-orge", "ml-val-orge/dossiers-api.v1", "ml-val-orge/api/dossiers-page-2.json", -1);
        receive("ft-91", "ft-91/orientations-extract.v1", "ft-91/valid/extract_orientations_creation_20261120.csv", 21);
        receive("plie-val-orge", "plie-val-orge/participants.v1", "plie-val-orge/valid/participants-orientes-2026-11-20.xlsx", 11);
        for (Path referral : PartnerSamples.folder("aile/valid")) {
            assertThat(postJson("/api/v1/referrals", AILE_KEY, Files.readAllBytes(referral)).statusCode())
                    .isIn(200, 202);
        }
    }

    private void receive(String partner, String mapping, String sample, int expectedAccepted) {
        PayloadOutcome outcome = payloads.receive(new IntakeSource(partner, "SFTP_PUSH", "sample-identities-test", mapping),
                Path.of(sample).getFileName().toString(), sample(sample));
        assertThat(outcome.status()).as(sample).isEqualTo(MessageOutcome.DONE);
        assertThat(outcome.rejected()).as(sample).isZero();
        if (expectedAccepted >= 0) {
            assertThat(outcome.accepted()).as(sample).isEqualTo(expectedAccepted);
        }
    }

    @Test
    void holdsExactlyFortyPeople() {
        Integer active = jdbc.sql("select count(*) from beneficiary where status = 'ACTIVE'").query(Integer.class).single();
        assertThat(active).isEqualTo(40);
        Integer referrals = jdbc.sql("select count(*) from referral").query(Integer.class).single();
        assertThat(referrals).isEqualTo(60);
    }

    @Test
    void everyPersonHasAllTheirReferralsOnOneRecordAndNobodyElses() throws IOException {
        SampleTruth.assertEveryPersonOnOneRecordAndNobodyElses(jdbc);
    }

    @Test
    void eachMultiPartnerPersonCarriesEveryPartnersIdentifier() throws IOException {
        for (String line : PartnerSamples.truth()) {
            String[] cells = line.split(",");
            Integer held = jdbc.sql("""
                            select count(*) from beneficiary_identifier i
                            join referral r on r.beneficiary_id = i.beneficiary_id
                            where r.partner_id = :p and r.record_key = :k and i.value = :k
                            """)
                    .param("p", cells[0]).param("k", cells[2]).query(Integer.class).single();
            assertThat(held).as(line).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void leavesNothingForReview() {
        Integer pending = jdbc.sql("select count(*) from identity_review where status = 'PENDING'").query(Integer.class).single();
        assertThat(pending).isZero();
    }
}
