package fr.passerelle.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.handoff.HandoffOutbox;
import fr.passerelle.hub.handoff.referent.ReferentDesk;
import fr.passerelle.hub.handoff.referent.ReferentLinks;
import fr.passerelle.hub.testsupport.DemoCredentials;
import fr.passerelle.hub.testsupport.SmtpHubTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Referent links against the running hub: 8 days, refused after expiry, after an operator's revocation and for
 * another handoff; once the handoff is closed the page shows no personal data.
 */
class ReferentLinksIT extends SmtpHubTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    HandoffOutbox outbox;
    @Autowired
    ReferentLinks links;
    @Autowired
    ReferentDesk desk;

    private record Sent(Person person, String handoffId, String token) {
    }

    /** Ages far apart, so the people of these tests are never taken for one another by identity matching. */
    private Sent handoffToTheSocialWorker(int age) {
        Person person = referAndStart(age, "91240", true, true);
        journeyEvent(person.id(), "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"LOGEMENT\"}");
        String handoffId = handoffsOf(person.id()).withRule("barrier-social").get("handoffId").asText();
        String path = linkPath(awaitMail(handoffId));
        return new Sent(person, handoffId, path.substring(path.lastIndexOf('/') + 1));
    }

    @Test
    void aLinkOpensForEightDaysThenIsGoneAndNeverOpensAnotherHandoff() {
        Sent sent = handoffToTheSocialWorker(47);
        assertThat(jdbc.sql("select round(extract(epoch from expires_at - issued_at) / 3600) from referent_link "
                        + "where handoff_id = :h")
                .param("h", UUID.fromString(sent.handoffId())).query(Integer.class).list())
                .containsOnly(8 * 24);
        assertThat(get("/referent/handoffs/" + sent.token(), null).statusCode()).isEqualTo(200);

        String expired = links.issue(outbox.find(UUID.fromString(sent.handoffId())).orElseThrow(),
                Instant.now().minusSeconds(1)).token();
        HttpResponse<String> gone = get("/referent/handoffs/" + expired, null);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).doesNotContain(sent.person().lastName());

        String anotherHandoff = jdbc.sql("select id::text from handoff where id <> :h limit 1")
                .param("h", UUID.fromString(sent.handoffId())).query(String.class).single();
        String borrowed = anotherHandoff + sent.token().substring(sent.token().indexOf('.'));
        HttpResponse<String> foreign = get("/referent/handoffs/" + borrowed, null);
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).doesNotContain(sent.person().lastName(), anotherHandoff);
    }

    @Test
    void anOperatorRevokesAHandoffsLinksAndTheyStopOpeningAtOnce() {
        Sent sent = handoffToTheSocialWorker(55);
        assertThat(get("/referent/handoffs/" + sent.token(), null).statusCode()).isEqualTo(200);

        HttpResponse<String> revoked = send(HttpRequest.newBuilder(
                        uri("/api/v1/ops/handoffs/" + sent.handoffId() + "/revoke-links"))
                .header("Authorization", DemoCredentials.operatorBasicAuthorization())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.body()).contains("\"revokedLinks\":1");

        HttpResponse<String> refused = get("/referent/handoffs/" + sent.token(), null);
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).doesNotContain(sent.person().lastName());
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/ops/handoffs/" + UUID.randomUUID() + "/revoke-links"))
                .header("Authorization", DemoCredentials.operatorBasicAuthorization())
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/ops/handoffs/" + sent.handoffId() + "/revoke-links"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(401);
    }

    @Test
    void onceTheHandoffIsClosedThePageShowsNoPersonalData() {
        Sent sent = handoffToTheSocialWorker(63);
        assertThat(get("/referent/handoffs/" + sent.token(), null).body()).contains(sent.person().lastName());
        int readsBefore = referentReads(sent.person().id());

        desk.acknowledge(sent.token());

        HttpResponse<String> page = get("/referent/handoffs/" + sent.token(), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Réception accusée").doesNotContain(sent.person().lastName(), "Logement");
        assertThat(referentReads(sent.person().id())).isEqualTo(readsBefore);
    }

    @Test
    void aTakeOverToATypedAddressIsAppliedOnlyWhenThatAddressConfirmsItAndOnlyOnce() {
        // Without a social worker on file, the handoff goes to the structure (MDS Grigny), whose page asks who
        // takes over.
        Person person = referAndStart(71, "91350", true, false);
        journeyEvent(person.id(), "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"FINANCES\"}");
        String handoffId = handoffsOf(person.id()).withRule("barrier-social").get("handoffId").asText();
        String path = linkPath(awaitMail(handoffId));
        String token = path.substring(path.lastIndexOf('/') + 1);
        String newReferent = "n.vasseur." + UUID.randomUUID() + "@essonne.example.fr";

        desk.takeOver(token, "Nadia", "Vasseur", newReferent, null);

        assertThat(referentsWithEmail(person.id(), newReferent)).isZero();
        assertThat(handoffsOf(person.id()).withRule("barrier-social").get("status").asText()).isEqualTo("DELIVERED");
        assertThat(get(path, null).body()).contains("en attente").doesNotContain("Relais pris");
        String confirmation = awaitTakeOverConfirmationPath(newReferent);
        assertThat(body(mailsTo(newReferent).get(0))).doesNotContain(person.lastName(), "Maëlys");

        // Opening the link (as a mail scanner would) changes nothing.
        HttpResponse<String> page = get(confirmation, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Nadia Vasseur").doesNotContain(person.lastName());
        assertThat(referentsWithEmail(person.id(), newReferent)).isZero();

        HttpResponse<String> confirmed = postForm(confirmation + "/confirm");
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.body()).contains("Prise de relais confirmée");
        assertThat(referentsWithEmail(person.id(), newReferent)).isEqualTo(1);
        assertThat(handoffsOf(person.id()).withRule("barrier-social").get("status").asText())
                .isEqualTo("ACKNOWLEDGED");
        assertThat(get(path, null).body()).contains("Relais pris");

        // Single use: the same link neither opens nor confirms again.
        assertThat(get(confirmation, null).statusCode()).isEqualTo(404);
        assertThat(postForm(confirmation + "/confirm").statusCode()).isEqualTo(404);
        assertThat(referentsWithEmail(person.id(), newReferent)).isEqualTo(1);
    }

    @Test
    void aTakeOverConfirmationLinkExpiresAndAnOperatorsRevocationDropsIt() {
        Person person = referAndStart(79, "91350", true, false);
        journeyEvent(person.id(), "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"FINANCES\"}");
        String handoffId = handoffsOf(person.id()).withRule("barrier-social").get("handoffId").asText();
        String path = linkPath(awaitMail(handoffId));
        String token = path.substring(path.lastIndexOf('/') + 1);
        String late = "late." + UUID.randomUUID() + "@essonne.example.fr";
        String revoked = "revoked." + UUID.randomUUID() + "@essonne.example.fr";

        desk.takeOver(token, "Tardif", "Retard", late, null);
        String lateConfirmation = awaitTakeOverConfirmationPath(late);
        jdbc.sql("update referent_takeover set expires_at = now() - interval '1 second' where email = :e")
                .param("e", late).update();
        assertThat(postForm(lateConfirmation + "/confirm").statusCode()).isEqualTo(410);
        assertThat(referentsWithEmail(person.id(), late)).isZero();

        desk.takeOver(token, "Révoqué", "Après", revoked, null);
        String revokedConfirmation = awaitTakeOverConfirmationPath(revoked);
        assertThat(postAsOperator("/api/v1/ops/handoffs/" + handoffId + "/revoke-links").statusCode()).isEqualTo(200);
        assertThat(postForm(revokedConfirmation + "/confirm").statusCode()).isIn(404, 410);
        assertThat(referentsWithEmail(person.id(), revoked)).isZero();
    }

    @Test
    void anExpiredLinkSendsAFreshOneOnlyToTheAddressOnFileAndAtMostOncePerInterval() {
        Sent sent = handoffToTheSocialWorker(87);
        UUID handoffId = UUID.fromString(sent.handoffId());
        String expired = links.issue(outbox.find(handoffId).orElseThrow(), Instant.now().minusSeconds(1)).token();
        // As if the handoff's links had been sent nine days ago.
        jdbc.sql("update referent_link set issued_at = now() - interval '9 days' where handoff_id = :h")
                .param("h", handoffId).update();
        String reference = sent.handoffId().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
        String typed = "someone." + UUID.randomUUID() + "@elsewhere.example.org";

        HttpResponse<String> gone = get("/referent/handoffs/" + expired, null);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("Recevoir un nouveau lien", "name=\"_csrf\"")
                .doesNotContain(sent.person().lastName(), SOCIAL_WORKER_EMAIL, sent.handoffId(), reference);

        HttpResponse<String> renewed = postForm("/referent/handoffs/" + expired, "&renew=1&email=" + typed);
        assertThat(renewed.statusCode()).as(renewed.body()).isEqualTo(200);
        assertThat(renewed.body()).contains("Un nouveau lien vient d'être envoyé")
                .doesNotContain(sent.person().lastName(), SOCIAL_WORKER_EMAIL);
        assertThat(mailsTo(typed)).isEmpty();
        List<MimeMessage> fresh = newLinksFor(reference);
        assertThat(fresh).hasSize(1);
        assertThat(addresses(fresh.get(0))).containsExactly(SOCIAL_WORKER_EMAIL);
        assertThat(body(fresh.get(0))).doesNotContain(sent.person().lastName(), "Maëlys", "Logement");
        HttpResponse<String> page = get(linkPath(fresh.get(0)), null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(sent.person().lastName());

        HttpResponse<String> again = postForm("/referent/handoffs/" + expired, "&renew=1");
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(newLinksFor(reference)).hasSize(1);

        links.revokeAll(handoffId);
        jdbc.sql("update referent_link set issued_at = now() - interval '9 days' where handoff_id = :h")
                .param("h", handoffId).update();
        assertThat(postForm("/referent/handoffs/" + expired, "&renew=1").statusCode()).isEqualTo(404);
        assertThat(newLinksFor(reference)).hasSize(1);
    }

    private static List<MimeMessage> newLinksFor(String reference) {
        return Arrays.stream(smtp().getReceivedMessages()).filter(message -> {
            try {
                return message.getSubject().equals("Passerelle — nouveau lien pour la demande de relais " + reference);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<String> addresses(MimeMessage message) {
        try {
            return Arrays.stream(message.getAllRecipients()).map(Object::toString).toList();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> postForm(String action) {
        return postForm(action, "");
    }

    /** A form posted from the page, with the page's CSRF cookie and token, and any other fields given. */
    private HttpResponse<String> postForm(String action, String fields) {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        try {
            String page = browser.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = CSRF.matcher(page);
            assertThat(csrf.find()).as("CSRF token in page").isTrue();
            return browser.send(HttpRequest.newBuilder(uri(action))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf.group(1),
                            StandardCharsets.UTF_8) + fields)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int referentsWithEmail(String beneficiary, String email) {
        return jdbc.sql("select count(*) from beneficiary_referent where beneficiary_id = :b and email = :e")
                .param("b", UUID.fromString(beneficiary)).param("e", email).query(Integer.class).single();
    }

    private int referentReads(String beneficiary) {
        return jdbc.sql("select count(*) from record_access where beneficiary_id = :b and accessor_kind = 'REFERENT'")
                .param("b", UUID.fromString(beneficiary)).query(Integer.class).single();
    }
}
