package fr.passerelle.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.handoff.HandoffOutbox;
import fr.passerelle.hub.handoff.referent.ReferentDesk;
import fr.passerelle.hub.handoff.referent.ReferentLinks;
import fr.passerelle.hub.testsupport.DemoCredentials;
import fr.passerelle.hub.testsupport.SmtpHubTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Referent links against the running hub: 8 days, refused after expiry, after an operator's revocation and for
 * another handoff; once the handoff is closed the page shows no personal data.
 */
class ReferentLinksIT extends SmtpHubTest {

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

    private int referentReads(String beneficiary) {
        return jdbc.sql("select count(*) from record_access where beneficiary_id = :b and accessor_kind = 'REFERENT'")
                .param("b", UUID.fromString(beneficiary)).query(Integer.class).single();
    }
}
