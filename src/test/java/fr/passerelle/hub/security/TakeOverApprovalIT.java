package fr.passerelle.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.handoff.referent.ReferentDesk;
import fr.passerelle.hub.testsupport.Json;
import fr.passerelle.hub.testsupport.SmtpHubTest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code take-over-approval: operator-outside-directory}, a take-over typed on a structure's page for an
 * address outside the directory waits for an operator, who approves or refuses it through the API.
 */
@TestPropertySource(properties = {"passerelle.test.isolated-context=take-over-approval",
        "passerelle.handoffs.referent-page.take-over-approval=operator-outside-directory"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TakeOverApprovalIT extends SmtpHubTest {

    @Autowired
    ReferentDesk desk;
    @Autowired
    JdbcClient jdbc;

    private record Asked(Person person, String email) {
    }

    private Asked takeOverAskedOnAStructuresPage(int age, String name) {
        Person person = referAndStart(age, "91350", true, false);
        journeyEvent(person.id(), "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"FINANCES\"}");
        String handoffId = handoffsOf(person.id()).withRule("barrier-social").get("handoffId").asText();
        String path = linkPath(awaitMail(handoffId));
        String email = name + "." + UUID.randomUUID() + "@outside.example.org";
        desk.takeOver(path.substring(path.lastIndexOf('/') + 1), "Camille", name, email, null);
        return new Asked(person, email);
    }

    @Test
    void anOperatorApprovesATakeOverToAnAddressOutsideTheDirectoryAndOnlyThenIsItApplied() {
        Asked asked = takeOverAskedOnAStructuresPage(33, "approuve");
        assertThat(mailsTo(asked.email())).isEmpty();
        assertThat(referentsWithEmail(asked.person().id(), asked.email())).isZero();
        String id = waiting(asked.email()).get("takeOverId").asText();

        HttpResponse<String> approved = postAsOperator("/api/v1/ops/take-overs/" + id + "/approve");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(approved.body()).contains("\"decision\":\"APPROVED\"");
        assertThat(referentsWithEmail(asked.person().id(), asked.email())).isEqualTo(1);
        assertThat(handoffsOf(asked.person().id()).withRule("barrier-social").get("status").asText())
                .isEqualTo("ACKNOWLEDGED");

        assertThat(postAsOperator("/api/v1/ops/take-overs/" + id + "/approve").statusCode()).isEqualTo(404);
        assertThat(postAsOperator("/api/v1/ops/take-overs/" + id + "/refuse").statusCode()).isEqualTo(404);
        assertThat(waitingCount(asked.email())).isZero();
    }

    @Test
    void anOperatorRefusesATakeOverAndNothingChanges() {
        Asked asked = takeOverAskedOnAStructuresPage(41, "refuse");
        String id = waiting(asked.email()).get("takeOverId").asText();
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/ops/take-overs/" + id + "/approve"))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(401);

        HttpResponse<String> refused = postAsOperator("/api/v1/ops/take-overs/" + id + "/refuse");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
        assertThat(refused.body()).contains("\"decision\":\"REFUSED\"");
        assertThat(referentsWithEmail(asked.person().id(), asked.email())).isZero();
        assertThat(handoffsOf(asked.person().id()).withRule("barrier-social").get("status").asText())
                .isEqualTo("DELIVERED");
        assertThat(waitingCount(asked.email())).isZero();
        assertThat(postAsOperator("/api/v1/ops/take-overs/" + id + "/approve").statusCode()).isEqualTo(404);
        assertThat(referentsWithEmail(asked.person().id(), asked.email())).isZero();
    }

    private JsonNode waiting(String email) {
        HttpResponse<String> list = getAsOperator("/api/v1/ops/take-overs");
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        for (JsonNode item : Json.read(list.body()).get("takeOvers")) {
            if (item.get("email").asText().equals(email)) {
                return item;
            }
        }
        throw new AssertionError("no take-over waiting for " + email);
    }

    private long waitingCount(String email) {
        HttpResponse<String> list = getAsOperator("/api/v1/ops/take-overs");
        long count = 0;
        for (JsonNode item : Json.read(list.body()).get("takeOvers")) {
            count += item.get("email").asText().equals(email) ? 1 : 0;
        }
        return count;
    }

    private int referentsWithEmail(String beneficiary, String email) {
        return jdbc.sql("select count(*) from beneficiary_referent where beneficiary_id = :b and email = :e")
                .param("b", UUID.fromString(beneficiary)).param("e", email).query(Integer.class).single();
    }
}
