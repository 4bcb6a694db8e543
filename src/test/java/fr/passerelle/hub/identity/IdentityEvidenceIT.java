package fr.passerelle.hub.identity;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.intake.IntakeSource;
import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.intake.PayloadOutcome;
import fr.passerelle.hub.mapping.normalize.Nir;
import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the hub does with identity evidence that is wrong or late (issue "one person, one record whatever the order"):
 * a partner record key reused for someone else, a NIR that contradicts the person it comes with, and an identifier
 * that arrives later and links two records of one person.
 */
class IdentityEvidenceIT extends HubIntegrationTest {

    private static final Random RANDOM = new Random();

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PayloadIntake payloads;

    @Test
    void aRecordKeyReusedForSomeoneElseIsRefusedAndTheKnownPersonStaysUntouched() {
        String surname = surname();
        AileReferral first = AileReferral.newPerson().lastName(surname).firstName("Karim").birthDate(LocalDate.of(1993, 5, 2));
        String beneficiary = referNewPersonAsAile(first);

        // A couple given one file number: same reference, another first name and another birth date.
        HttpResponse<String> reused = postJson("/api/v1/referrals", AILE_KEY,
                AileReferral.newPerson().reference(first.reference()).lastName(surname).firstName("Samira")
                        .birthDate(LocalDate.of(1995, 11, 30)).json());

        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(409);
        JsonNode problem = Json.read(reused.body());
        assertThat(problem.get("code").asText()).isEqualTo("IDENTIFIANT_REUTILISE");
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("recordKey");
        assertThat(firstNamesOf(beneficiary)).isEqualTo("Karim");
        assertThat(jdbc.sql("select count(*) from referral_revision r join referral f on f.id = r.referral_id "
                        + "where f.partner_id = 'aile' and f.record_key = :key").param("key", first.reference().toUpperCase())
                .query(Integer.class).single()).isEqualTo(1);

        // A correction of one of the two is an update of the same person.
        HttpResponse<String> corrected = postJson("/api/v1/referrals", AILE_KEY,
                AileReferral.newPerson().reference(first.reference()).lastName(surname).firstName("Karim")
                        .birthDate(LocalDate.of(1993, 5, 12)).json());
        assertThat(corrected.statusCode()).as(corrected.body()).isIn(200, 202);
    }

    @Test
    void aReusedKeyInAFileRejectsThatRowWithItsReasonAndTakesTheOthers() {
        String key = String.valueOf(10_000_000 + RANDOM.nextInt(89_999_999));
        String surname = surname();
        PayloadOutcome first = receiveMissionLocaleCsv(row(key, surname, "Ibrahim", "14/03/2004"));
        assertThat(first.accepted()).isEqualTo(1);

        String freshKey = String.valueOf(10_000_000 + RANDOM.nextInt(89_999_999));
        PayloadOutcome second = receiveMissionLocaleCsv(row(key, surname, "Aminata", "02/10/2006"),
                row(freshKey, surname(), "Lucie", "21/06/2001"));

        assertThat(second.accepted()).isEqualTo(1);
        assertThat(second.rejected()).isEqualTo(1);
        String errors = jdbc.sql("select errors::text from inbound_record where inbound_file_id = :file and record_key = :key")
                .param("file", second.inboundFileId()).param("key", key).query(String.class).single();
        assertThat(errors).contains("IDENTIFIANT_REUTILISE").contains("autre personne");
        assertThat(jdbc.sql("select b.first_names from beneficiary b join referral r on r.beneficiary_id = b.id "
                        + "where r.partner_id = 'ml-val-orge' and r.record_key = :key").param("key", key)
                .query(String.class).single()).isEqualTo("Ibrahim");
    }

    @Test
    void aNirThatContradictsTheBirthDateIsKeptWithAWarningButJoinsNobody() {
        String surname = surname();
        LocalDate born = LocalDate.of(1993, 5, 2);
        String nir = nir('1', born);
        String karim = referNewPersonAsAile(AileReferral.newPerson().lastName(surname).firstName("Karim").birthDate(born)
                .nir(nir));

        // Another man with the same first name, born twelve years later, sent with Karim's NIR by mistake.
        AileReferral other = AileReferral.newPerson().lastName(surname()).firstName("Karim")
                .birthDate(LocalDate.of(2005, 8, 17)).nir(nir);
        HttpResponse<String> answer = postJson("/api/v1/referrals", AILE_KEY, other.json());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        JsonNode referral = Json.read(get("/api/v1/referrals/" + Json.read(answer.body()).get("referralId").asText(),
                AILE_KEY).body());

        assertThat(referral.get("beneficiaryId").asText()).isNotEqualTo(karim);
        assertThat(referral.get("warnings").toString()).contains("NIR_INCOHERENT");
    }

    @Test
    void anIdentifierArrivingLaterMergesTheTwoRecordsItLinks() {
        LocalDate born = LocalDate.of(1991, 3, 23);
        String nir = nir('1', born);
        String franceTravailId = String.format("%07dK", RANDOM.nextInt(9_999_999));
        String surname = surname();
        // The same man, known to AILE under two names: too different to be recognised at arrival.
        String underOneName = referNewPersonAsAile(AileReferral.newPerson().lastName(surname).firstName("Karim")
                .birthDate(born).nir(nir).email(surname.toLowerCase() + "@example.org").phone("06 11 22 33 44"));
        String underAnother = referNewPersonAsAile(AileReferral.newPerson().lastName(surname())
                .firstName("Karim").birthDate(born).franceTravailId(franceTravailId)
                .email("k." + surname.toLowerCase() + "@example.net").phone("07 55 44 33 22").postalCode("91390"));
        assertThat(underAnother).isNotEqualTo(underOneName);

        // Then a referral carrying both his NIR and his France Travail id.
        String linked = referNewPersonAsAile(AileReferral.newPerson().lastName(surname).firstName("Karim").birthDate(born)
                .nir(nir).franceTravailId(franceTravailId));

        assertThat(linked).isEqualTo(underOneName);
        assertThat(jdbc.sql("select status || ' ' || merged_into from beneficiary where id = :id")
                .param("id", UUID.fromString(underAnother)).query(String.class).single())
                .isEqualTo("MERGED " + underOneName);
        assertThat(jdbc.sql("select count(*) from beneficiary_merge where survivor_id = :s and absorbed_id = :a")
                .param("s", UUID.fromString(underOneName)).param("a", UUID.fromString(underAnother))
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aReferralSureAboutTwoRecordsGoesToReviewWithBothInsteadOfJoiningOne() {
        String surname = surname();
        LocalDate born = LocalDate.of(1989, 7, 14);
        // Two namesakes born the same day, told apart by their NIRs: two records.
        String first = referNewPersonAsAile(AileReferral.newPerson().lastName(surname).firstName("Karim").birthDate(born)
                .nir(nir('1', born)).email("k1." + surname.toLowerCase() + "@example.org").phone("06 10 20 30 41"));
        String second = referNewPersonAsAile(AileReferral.newPerson().lastName(surname).firstName("Karim").birthDate(born)
                .nir(nir('1', born)).email("k2." + surname.toLowerCase() + "@example.org").phone("06 10 20 30 42"));
        assertThat(second).isNotEqualTo(first);

        // Then one without NIR: it scores above the merge threshold against both.
        String third = referNewPersonAsAile(AileReferral.newPerson().lastName(surname).firstName("Karim").birthDate(born)
                .email("k3." + surname.toLowerCase() + "@example.org").phone("06 10 20 30 43"));

        assertThat(third).isNotIn(first, second);
        assertThat(jdbc.sql("select count(*) from identity_review where status = 'PENDING' and beneficiary_id = :b "
                        + "and candidate_id in (:candidates)")
                .param("b", UUID.fromString(third))
                .param("candidates", java.util.List.of(UUID.fromString(first), UUID.fromString(second)))
                .query(Integer.class).single()).isEqualTo(2);
    }

    private PayloadOutcome receiveMissionLocaleCsv(String... rows) {
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csv.writeBytes(new byte[]{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        csv.writeBytes(("Identifiant dossier;Nom de naissance;Nom d'usage;Prénom;Date de naissance;Sexe;Adresse;"
                + "Code postal;Commune;Téléphone;Courriel;Identifiant France Travail;NIR;Niveau de formation;"
                + "Bénéficiaire RSA;Freins;Projet de création;Conseiller référent;Courriel conseiller;"
                + "Date d'orientation;Consentement partage\r\n").getBytes(StandardCharsets.UTF_8));
        for (String row : rows) {
            csv.writeBytes((row + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        return payloads.receive(new IntakeSource("ml-val-orge", "SFTP_PUSH", "identity-evidence-test",
                "ml-val-orge/imilo-export.v1"), "export-imilo-" + UUID.randomUUID() + ".csv", csv.toByteArray());
    }

    private static String row(String key, String surname, String firstName, String birthDate) {
        return key + ";" + surname + ";;" + firstName + ";" + birthDate + ";H;3 rue des Lilas;91220;Brétigny-sur-Orge;"
                + "0612345678;;;;NV4;Non;;Ouvrir un atelier;Sophie Marchand;s.marchand@ml-valdorge.example.org;"
                + "09/11/2026;Oui";
    }

    private String firstNamesOf(String beneficiary) {
        return jdbc.sql("select first_names from beneficiary where id = :id").param("id", UUID.fromString(beneficiary))
                .query(String.class).single();
    }

    /** A surname no other test uses, so that nobody else matches. */
    private static String surname() {
        StringBuilder name = new StringBuilder("Essai");
        for (int i = 0; i < 8; i++) {
            name.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return name.toString();
    }

    /** A valid NIR of a person born in Essonne at that date, with its key. */
    private static String nir(char sex, LocalDate born) {
        String body = String.format("%c%02d%02d91%03d%03d", sex, born.getYear() % 100, born.getMonthValue(),
                RANDOM.nextInt(1000), RANDOM.nextInt(1000));
        return body + String.format("%02d", Nir.key(body));
    }
}
