package fr.passerelle.hub.identity;

import static fr.passerelle.hub.testsupport.DemoCredentials.OPERATOR;
import static fr.passerelle.hub.testsupport.DemoCredentials.OPERATOR_PASSWORD;
import static fr.passerelle.hub.testsupport.DemoCredentials.PROGRAMME_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.ConsoleSession;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An uncertain pair goes to review; an operator merges it from the console and can undo the merge exactly. */
class IdentityReviewIT extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private final ConsoleSession console = new ConsoleSession(this::uri);

    @Test
    void operatorMergesAnUncertainPairAndUndoesIt() throws Exception {
        String first = ("AILE-REVIEW-" + UUID.randomUUID()).toUpperCase();
        String second = ("AILE-REVIEW-" + UUID.randomUUID()).toUpperCase();
        referNewPersonAsAile(person(first, "Moussa", "Lefèvre", "2005-07-04", "91310", "m.lefevre.revue@free.fr",
                "06 31 41 59 26"));
        // PARTNER QUIRK reproduced: a doubled letter and the day and month swapped, new phone and e-mail, another commune.
        referNewPersonAsAile(person(second, "Moussa", "Leefèvre", "2005-04-07", "91390", "m.lefevre@laposte.net",
                "07 99 88 77 66"));
        UUID firstRecord = beneficiaryOf(first);
        UUID secondRecord = beneficiaryOf(second);
        assertThat(secondRecord).isNotEqualTo(firstRecord);
        UUID review = jdbc.sql("""
                        select id from identity_review where status = 'PENDING'
                        and ((beneficiary_id = :a and candidate_id = :b) or (beneficiary_id = :b and candidate_id = :a))
                        """)
                .param("a", firstRecord).param("b", secondRecord).query(UUID.class).single();

        // The programme team already recorded something on the new record: it must follow the merge and its undo.
        journeyEvent(secondRecord.toString(), "{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":true}");

        console.logIn(OPERATOR, OPERATOR_PASSWORD);
        String page = console.browse("/console/identity/reviews").body();
        assertThat(page).contains("Leefèvre").contains("jour et mois inversés");
        submit("/console/identity/reviews/" + review + "/confirm", page);

        assertThat(beneficiaryOf(first)).isEqualTo(beneficiaryOf(second));
        UUID survivor = beneficiaryOf(first);
        JsonNode record = Json.read(get("/api/v1/beneficiaries/" + survivor, PROGRAMME_KEY).body());
        assertThat(record.get("identifiers").findValuesAsText("value")).contains(first, second);
        assertThat(record.at("/conflicts/birthName").findValuesAsText("value")).contains("Lefèvre", "Leefèvre");
        assertThat(record.at("/conflicts/birthDate").findValuesAsText("value")).contains("2005-07-04", "2005-04-07");
        UUID absorbed = survivor.equals(firstRecord) ? secondRecord : firstRecord;
        JsonNode tombstone = Json.read(get("/api/v1/beneficiaries/" + absorbed, PROGRAMME_KEY).body());
        assertThat(tombstone.get("status").asText()).isEqualTo("MERGED");
        assertThat(tombstone.get("mergedInto").asText()).isEqualTo(survivor.toString());

        assertThat(get("/api/v1/beneficiaries/" + survivor + "/journey", PROGRAMME_KEY).body())
                .contains("ELIGIBILITY_DECIDED");

        UUID merge = jdbc.sql("select id from beneficiary_merge where survivor_id = :s and absorbed_id = :a")
                .param("s", survivor).param("a", absorbed).query(UUID.class).single();
        submit("/console/identity/merges/" + merge + "/undo", console.browse("/console/identity/merges").body());

        assertThat(beneficiaryOf(first)).isEqualTo(firstRecord);
        assertThat(beneficiaryOf(second)).isEqualTo(secondRecord);
        for (String reference : List.of(first, second)) {
            JsonNode own = Json.read(get("/api/v1/beneficiaries?partner=aile&key=" + reference,
                    PROGRAMME_KEY).body());
            assertThat(own.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(own.get("identifiers").findValuesAsText("value")).containsExactly(reference);
        }
        assertThat(get("/api/v1/beneficiaries/" + firstRecord + "/journey", PROGRAMME_KEY).body())
                .doesNotContain("ELIGIBILITY_DECIDED");
        assertThat(get("/api/v1/beneficiaries/" + secondRecord + "/journey", PROGRAMME_KEY).body())
                .contains("ELIGIBILITY_DECIDED");
        Integer distinct = jdbc.sql("select count(*) from identity_distinct_pair where (first_id = :a and second_id = :b) or (first_id = :b and second_id = :a)")
                .param("a", firstRecord).param("b", secondRecord).query(Integer.class).single();
        assertThat(distinct).isEqualTo(1);
        Integer audited = jdbc.sql("select count(*) from record_access where accessor_kind = 'OPERATOR' and accessor_id = 'operator'")
                .query(Integer.class).single();
        assertThat(audited).isGreaterThanOrEqualTo(2);
    }

    @Test
    void operatorToolsRejectAPairOverTheApiAndItIsNeverProposedAgain() throws Exception {
        String first = ("AILE-REVIEW-" + UUID.randomUUID()).toUpperCase();
        String second = ("AILE-REVIEW-" + UUID.randomUUID()).toUpperCase();
        referNewPersonAsAile(person(first, "Ousmane", "Lefèvre", "2005-07-04", "91310", "o.lefevre@free.fr",
                "06 55 44 33 22"));
        referNewPersonAsAile(person(second, "Ousmane", "Leefèvre", "2005-04-07", "91390", "ousmane.l@laposte.net",
                "07 12 12 12 12"));

        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/ops/identity-reviews")).GET()).statusCode()).isEqualTo(401);
        JsonNode pending = Json.read(getAsOperator("/api/v1/ops/identity-reviews").body());
        String reviewId = null;
        for (JsonNode review : pending.get("reviews")) {
            if (review.toString().contains(second)) {
                reviewId = review.get("reviewId").asText();
            }
        }
        assertThat(reviewId).isNotNull();
        HttpResponse<String> rejected = postAsOperator("/api/v1/ops/identity-reviews/" + reviewId + "/reject");
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(postAsOperator("/api/v1/ops/identity-reviews/" + reviewId + "/reject").statusCode()).isEqualTo(404);
        assertThat(beneficiaryOf(first)).isNotEqualTo(beneficiaryOf(second));
        Integer distinct = jdbc.sql("select count(*) from identity_distinct_pair "
                        + "where (first_id = :a and second_id = :b) or (first_id = :b and second_id = :a)")
                .param("a", beneficiaryOf(first)).param("b", beneficiaryOf(second)).query(Integer.class).single();
        assertThat(distinct).isEqualTo(1);
    }

    @Test
    void consoleNeedsAnOperatorLogin() {
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/console/identity/reviews")).GET());
        assertThat(anonymous.statusCode()).isIn(302, 401);
    }

    private UUID beneficiaryOf(String reference) {
        return jdbc.sql("select beneficiary_id from referral where partner_id = 'aile' and record_key = :k")
                .param("k", reference).query(UUID.class).single();
    }

    /** AILE's sample of a young man of Longpont-sur-Orge, as another person. */
    private static AileReferral person(String reference, String firstName, String lastName, String birthDate,
                                       String postalCode, String email, String phone) {
        return AileReferral.basedOn("AILE-20261120-007").reference(reference).firstName(firstName).lastName(lastName)
                .birthDate(LocalDate.parse(birthDate)).postalCode(postalCode).email(email).phone(phone);
    }

    private void submit(String action, String pageWithForm) throws Exception {
        HttpResponse<String> answer = console.post(action, "_csrf=" + ConsoleSession.csrf(pageWithForm));
        assertThat(answer.statusCode()).isEqualTo(200);
    }

}
