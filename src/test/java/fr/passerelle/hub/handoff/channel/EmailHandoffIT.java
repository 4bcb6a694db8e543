package fr.passerelle.hub.handoff.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.handoff.HandoffOutbox;
import fr.passerelle.hub.handoff.referent.ReferentLinkToken;
import fr.passerelle.hub.handoff.referent.ReferentLinks;
import fr.passerelle.hub.testsupport.SmtpHubTest;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The e-mail channel against a real SMTP server: what the referent receives, what the link opens and refuses, and
 * an SMTP server that is down.
 */
class EmailHandoffIT extends SmtpHubTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    HandoffOutbox outbox;
    @Autowired
    ReferentLinks links;

    @AfterEach
    void smtpBackUp() {
        if (!smtp().isRunning()) {
            smtpUp();
        }
    }

    @Test
    void socialBarrierWithConsentEmailsTheSocialWorkerALinkAndNoPersonalData() throws Exception {
        Person person = referAndStart(24, "91240", true, true);
        journeyEvent(person.id(), "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"LOGEMENT\",\"note\":\"hébergée chez sa sœur\"}");
        String handoffId = handoffsOf(person.id()).withRule("barrier-social").get("handoffId").asText();

        MimeMessage mail = awaitMail(handoffId);
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly(SOCIAL_WORKER_EMAIL);
        String body = body(mail);
        assertThat(mail.getSubject()).startsWith("Passerelle — demande de relais ");
        assertThat(body).contains("Bonjour", "La Ruche", "Laure Tissier", "aucune information personnelle",
                "une difficulté signalée pendant le programme");
        // SECURITY: SPEC §5, nothing sensitive travels in the body.
        String everything = mail.getSubject() + "\n" + body;
        assertThat(everything).doesNotContain(person.firstName(), person.lastName(), person.birthDate().toString(),
                person.birthDate().format(DateTimeFormatter.ofPattern("dd/MM/yyyy")), "Logement", "LOGEMENT",
                "sœur", person.id());
        String path = linkPath(mail);
        JsonNode delivered = awaitHandoffStatus(person.id(), handoffId, "DELIVERED");
        assertThat(delivered.get("attempts").findValuesAsText("outcome")).containsExactly("DELIVERED");
        // SECURITY: the hub keeps the token's digest, never the token.
        String token = path.substring(path.lastIndexOf('/') + 1);
        assertThat(jdbc.sql("select token_digest from referent_link where handoff_id = :id")
                .param("id", UUID.fromString(handoffId)).query(String.class).list())
                .containsExactly(ReferentLinkToken.digest(token));

        HttpResponse<String> page = get(path, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains(person.lastName(), "Logement", String.valueOf(person.birthDate().getYear()))
                .doesNotContain(person.birthDate().toString(), "sœur");
        assertThat(jdbc.sql("""
                        select count(*) from record_access where beneficiary_id = :b and accessor_kind = 'REFERENT'
                          and accessor_id = :who""")
                .param("b", UUID.fromString(person.id())).param("who", "referent:" + SOCIAL_WORKER_EMAIL)
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void tamperedForeignAndExpiredLinksAreRefusedWithoutSayingWhatTheyNamed() throws Exception {
        Person person = referAndStart(30, "91240", true, true);
        journeyEvent(person.id(), "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"FINANCES\"}");
        String handoffId = handoffsOf(person.id()).withRule("barrier-social").get("handoffId").asText();
        String path = linkPath(awaitMail(handoffId));
        String token = path.substring(path.lastIndexOf('/') + 1);
        String[] parts = token.split("\\.");

        String otherSignature = (parts[2].charAt(0) == 'A' ? "B" : "A") + parts[2].substring(1);
        String longerLife = parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2];
        String otherHandoff = UUID.randomUUID() + "." + parts[1] + "." + parts[2];
        for (String refused : new String[] {parts[0] + "." + parts[1] + "." + otherSignature, longerLife, otherHandoff,
                "n-importe-quoi", token + "x"}) {
            HttpResponse<String> answer = get("/referent/handoffs/" + refused, null);
            assertThat(answer.statusCode()).as(refused).isEqualTo(404);
            assertThat(answer.body()).contains("Ce lien n'est pas valable").doesNotContain(person.lastName(), handoffId);
        }
        HttpResponse<String> forgedPost = send(HttpRequest.newBuilder(uri("/referent/handoffs/" + longerLife + "/acknowledge"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(forgedPost.statusCode()).isIn(403, 404);

        // Genuinely signed and issued, but past its expiry.
        String expired = links.issue(outbox.find(UUID.fromString(handoffId)).orElseThrow(),
                Instant.now().minusSeconds(1)).token();
        HttpResponse<String> gone = get("/referent/handoffs/" + expired, null);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("Ce lien a expiré").doesNotContain(person.lastName(), handoffId);
        assertThat(handoffsOf(person.id()).withRule("barrier-social").get("status").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void withoutConsentThePageSaysWhomToCallAndShowsNobody() {
        Person person = referAndStart(33, "91240", false, true);
        journeyEvent(person.id(), "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"SANTE\"}");
        // The rules tell the programme team instead: an e-mail to La Ruche, whose page names nobody either.
        String handoffId = handoffsOf(person.id()).withRule("barrier-social").get("handoffId").asText();
        MimeMessage mail = awaitMail(handoffId);
        assertThat(body(mail)).doesNotContain(person.lastName(), "Santé");
        HttpResponse<String> page = get(linkPath(mail), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("consentement", "Prendre le relais").doesNotContain(person.lastName(),
                person.firstName());
    }

    @Test
    void smtpServerDownRetriesThenParksAndReplayAfterRecoveryDeliversOnce() {
        smtpDown();
        Person person = referAndStart(41, "91240", true, true);
        journeyEvent(person.id(), "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"FAMILLE\"}");
        String handoffId = handoffsOf(person.id()).withRule("barrier-social").get("handoffId").asText();

        JsonNode parked = awaitHandoffStatus(person.id(), handoffId, "PARKED");
        assertThat(parked.get("attempts")).hasSize(3);
        assertThat(parked.get("attempts").findValuesAsText("errorCode")).containsOnly("SMTP_CONNEXION_REFUSEE");
        assertThat(parked.has("deliveredAt")).isFalse();

        smtpUp();
        assertThat(replay(handoffId).statusCode()).isEqualTo(202);
        awaitHandoffStatus(person.id(), handoffId, "DELIVERED");
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                .until(() -> mailsFor(handoffId).size() == 1);
        assertThat(get(linkPath(mailsFor(handoffId).get(0)), null).statusCode()).isEqualTo(200);
    }
}
