package fr.passerelle.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.passerelle.hub.support.HubIntegrationTest;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An uncertain pair goes to review; an operator merges it from the console and can undo the merge exactly. */
class IdentityReviewIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @Autowired
    JdbcClient jdbc;

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    @Test
    void operatorMergesAnUncertainPairAndUndoesIt() throws Exception {
        String first = ("AILE-REVIEW-" + UUID.randomUUID()).toUpperCase();
        String second = ("AILE-REVIEW-" + UUID.randomUUID()).toUpperCase();
        assertThat(postJson("/api/v1/referrals", "demo-aile-key",
                referral(first, "Moussa", "Lefèvre", "2005-07-04", "91310", "m.lefevre.revue@free.fr", "06 31 41 59 26")).statusCode())
                .isEqualTo(202);
        // PARTNER QUIRK reproduced: a doubled letter and the day and month swapped, new phone and e-mail, another commune.
        assertThat(postJson("/api/v1/referrals", "demo-aile-key",
                referral(second, "Moussa", "Leefèvre", "2005-04-07", "91390", "m.lefevre@laposte.net", "07 99 88 77 66")).statusCode())
                .isEqualTo(202);
        UUID firstRecord = beneficiaryOf(first);
        UUID secondRecord = beneficiaryOf(second);
        assertThat(secondRecord).isNotEqualTo(firstRecord);
        UUID review = jdbc.sql("""
                        select id from identity_review where status = 'PENDING'
                        and ((beneficiary_id = :a and candidate_id = :b) or (beneficiary_id = :b and candidate_id = :a))
                        """)
                .param("a", firstRecord).param("b", secondRecord).query(UUID.class).single();

        // The programme team already recorded something on the new record: it must follow the merge and its undo.
        assertThat(postJson("/api/v1/beneficiaries/" + secondRecord + "/events", "demo-ruche-itineraire-key",
                "{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":true}".getBytes(StandardCharsets.UTF_8)).statusCode())
                .isBetween(200, 299);

        logIn();
        String page = browse("/console/identity/reviews").body();
        assertThat(page).contains("Leefèvre").contains("jour et mois inversés");
        submit("/console/identity/reviews/" + review + "/confirm", page);

        assertThat(beneficiaryOf(first)).isEqualTo(beneficiaryOf(second));
        UUID survivor = beneficiaryOf(first);
        JsonNode record = JSON.readTree(get("/api/v1/beneficiaries/" + survivor, "demo-ruche-itineraire-key").body());
        assertThat(record.get("identifiers").findValuesAsText("value")).contains(first, second);
        assertThat(record.at("/conflicts/birthName").findValuesAsText("value")).contains("Lefèvre", "Leefèvre");
        assertThat(record.at("/conflicts/birthDate").findValuesAsText("value")).contains("2005-07-04", "2005-04-07");
        UUID absorbed = survivor.equals(firstRecord) ? secondRecord : firstRecord;
        JsonNode tombstone = JSON.readTree(get("/api/v1/beneficiaries/" + absorbed, "demo-ruche-itineraire-key").body());
        assertThat(tombstone.get("status").asText()).isEqualTo("MERGED");
        assertThat(tombstone.get("mergedInto").asText()).isEqualTo(survivor.toString());

        assertThat(get("/api/v1/beneficiaries/" + survivor + "/journey", "demo-ruche-itineraire-key").body())
                .contains("ELIGIBILITY_DECIDED");

        UUID merge = jdbc.sql("select id from beneficiary_merge where survivor_id = :s and absorbed_id = :a")
                .param("s", survivor).param("a", absorbed).query(UUID.class).single();
        submit("/console/identity/merges/" + merge + "/undo", browse("/console/identity/merges").body());

        assertThat(beneficiaryOf(first)).isEqualTo(firstRecord);
        assertThat(beneficiaryOf(second)).isEqualTo(secondRecord);
        for (String reference : List.of(first, second)) {
            JsonNode own = JSON.readTree(get("/api/v1/beneficiaries?partner=aile&key=" + reference,
                    "demo-ruche-itineraire-key").body());
            assertThat(own.get("status").asText()).isEqualTo("ACTIVE");
            assertThat(own.get("identifiers").findValuesAsText("value")).containsExactly(reference);
        }
        assertThat(get("/api/v1/beneficiaries/" + firstRecord + "/journey", "demo-ruche-itineraire-key").body())
                .doesNotContain("ELIGIBILITY_DECIDED");
        assertThat(get("/api/v1/beneficiaries/" + secondRecord + "/journey", "demo-ruche-itineraire-key").body())
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
        postJson("/api/v1/referrals", "demo-aile-key",
                referral(first, "Ousmane", "Lefèvre", "2005-07-04", "91310", "o.lefevre@free.fr", "06 55 44 33 22"));
        postJson("/api/v1/referrals", "demo-aile-key",
                referral(second, "Ousmane", "Leefèvre", "2005-04-07", "91390", "ousmane.l@laposte.net", "07 12 12 12 12"));
        String basic = "Basic " + java.util.Base64.getEncoder()
                .encodeToString("operator:demo-operator-password".getBytes(StandardCharsets.UTF_8));

        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/ops/identity-reviews")).GET()).statusCode()).isEqualTo(401);
        JsonNode pending = JSON.readTree(send(HttpRequest.newBuilder(uri("/api/v1/ops/identity-reviews"))
                .header("Authorization", basic).GET()).body());
        String reviewId = null;
        for (JsonNode review : pending.get("reviews")) {
            if (review.toString().contains(second)) {
                reviewId = review.get("reviewId").asText();
            }
        }
        assertThat(reviewId).isNotNull();
        HttpResponse<String> rejected = send(HttpRequest.newBuilder(uri("/api/v1/ops/identity-reviews/" + reviewId + "/reject"))
                .header("Authorization", basic).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(rejected.statusCode()).isEqualTo(200);
        assertThat(send(HttpRequest.newBuilder(uri("/api/v1/ops/identity-reviews/" + reviewId + "/reject"))
                .header("Authorization", basic).POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(404);
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

    private byte[] referral(String reference, String firstName, String lastName, String birthDate, String postalCode,
                            String email, String phone) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(sample("aile/valid/AILE-20261120-007.json"));
        root.put("reference", reference);
        ObjectNode beneficiary = (ObjectNode) root.get("beneficiary");
        beneficiary.put("firstName", firstName);
        beneficiary.putNull("birthName");
        beneficiary.put("lastName", lastName);
        beneficiary.put("birthDate", birthDate);
        beneficiary.putNull("nir");
        beneficiary.putNull("franceTravailId");
        beneficiary.put("email", email);
        beneficiary.put("phone", phone);
        ((ObjectNode) beneficiary.get("address")).put("postalCode", postalCode);
        return JSON.writeValueAsBytes(root);
    }

    private void logIn() throws Exception {
        String form = browse("/login").body();
        HttpResponse<String> answer = post("/login", "username=operator&password=demo-operator-password&_csrf="
                + csrf(form));
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    private void submit(String action, String pageWithForm) throws Exception {
        HttpResponse<String> answer = post(action, "_csrf=" + csrf(pageWithForm));
        assertThat(answer.statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> browse(String path) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        Matcher matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("CSRF token in page").isTrue();
        return URLEncoder.encode(matcher.group(1), StandardCharsets.UTF_8);
    }
}
