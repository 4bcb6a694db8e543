package fr.passerelle.hub.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.passerelle.hub.beneficiary.BeneficiaryStore;
import fr.passerelle.hub.canonical.ReferentContact;
import fr.passerelle.hub.canonical.ReferentRole;
import fr.passerelle.hub.directory.ReferentDirectory;
import fr.passerelle.hub.directory.Structure;
import fr.passerelle.hub.directory.StructureKind;
import fr.passerelle.hub.intake.IntakeSource;
import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.intake.PayloadOutcome;
import fr.passerelle.hub.partner.PartnerFolders;
import fr.passerelle.hub.support.HubIntegrationTest;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The continuity-of-follow-up journey of issue 5 through the real HTTP API: a referral from AILE, journey events
 * from the programme team, handoffs routed by routes/rules/handoffs.yaml and delivered to real peers (the pull API,
 * a webhook receiver checking the HMAC, the PLIE's SFTP outbox folder).
 */
class HandoffJourneyIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AILE = "demo-aile-key";
    private static final String ML = "demo-ml-val-orge-key";
    private static final String PROGRAMME = "demo-ruche-itineraire-key";
    private static final String WEBHOOK_SECRET = "test-ml-webhook-secret";
    private static final AtomicInteger PEOPLE = new AtomicInteger();
    private static final List<String> SURNAMES = List.of("Rousseau", "Garnier", "Faure", "Blanchard", "Lemaire",
            "Carpentier", "Marchal", "Vasseur", "Delattre", "Perrin");
    private static final WebhookReceiver RECEIVER = startReceiver();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    BeneficiaryStore beneficiaries;
    @Autowired
    PartnerFolders folders;
    @Autowired
    ReferentDirectory directory;
    @Autowired
    PayloadIntake payloads;

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        registry.add("passerelle.handoffs.webhooks.ml-val-orge.url", RECEIVER::url);
        registry.add("passerelle.handoffs.webhooks.ml-val-orge.secret", () -> WEBHOOK_SECRET);
    }

    @AfterEach
    void receiverBackUp() {
        RECEIVER.up();
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void scriptedJourneyWithConsentProducesExactlyTheHandoffsOfTheSpecDeliveredAndAcknowledged() throws IOException {
        String beneficiary = referAndFollow(24, "91240", true);
        event(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"LOGEMENT\",\"note\":\"hébergée chez sa sœur\"}");
        event(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"MOBILITE\"}");
        event(beneficiary, "{\"type\":\"PROGRAMME_COMPLETED\",\"outcome\":\"EMPLOYMENT\"}");

        JsonNode all = handoffsOf(beneficiary);
        assertThat(summary(all.get("handoffs"))).containsExactlyInAnyOrder(
                "REFERRAL_ACCEPTED|referral-accepted|PRESCRIBER|Nadia Perrault|aile|PULL_API",
                "ELIGIBILITY_DECIDED|eligibility-decided|PRESCRIBER|Nadia Perrault|aile|PULL_API",
                "PROGRAMME_STARTED|programme-started|PRESCRIBER|Nadia Perrault|aile|PULL_API",
                "BARRIER_REPORTED|barrier-social|SOCIAL_WORKER|Laure Tissier|cd91-social|EMAIL",
                "PROGRAMME_COMPLETED|completed-employment-counselor|MISSION_LOCALE|Mission Locale du Val d'Orge|ml-val-orge|WEBHOOK",
                "PROGRAMME_COMPLETED|completed-closing-summary|PRESCRIBER|Nadia Perrault|aile|PULL_API");
        JsonNode referralAck = find(all.get("handoffs"), "referral-accepted");
        assertThat(referralAck.get("reason").asText()).contains("acceptée par Passerelle sous l'identifiant");
        assertThat(find(all.get("handoffs"), "barrier-social").get("reason").asText()).contains("Logement");
        assertThat(find(all.get("handoffs"), "barrier-social").get("explanation").asText())
                .contains("travailleur social de la personne Laure Tissier, MDS Grigny");
        assertThat(find(all.get("handoffs"), "completed-employment-counselor").get("explanation").asText())
                .contains("âge < 26").contains("24 ans");
        // Nobody of record for these: the decision is recorded with its reason, no handoff is invented.
        assertThat(decisions(all, "NO_RECIPIENT")).containsExactlyInAnyOrder(
                "PROGRAMME_STARTED|programme-started", "BARRIER_REPORTED|barrier-employment");

        // Webhook: delivered to the Mission Locale's server with a valid signature, then acknowledged by it.
        String toMissionLocale = find(all.get("handoffs"), "completed-employment-counselor").get("handoffId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> RECEIVER.deliveries(toMissionLocale) == 1);
        JsonNode delivered = JSON.readTree(RECEIVER.body(toMissionLocale));
        assertThat(delivered.get("handoffId").asText()).isEqualTo(toMissionLocale);
        assertThat(delivered.at("/beneficiary/lastName").asText()).isEqualTo(surnameOf(beneficiary));
        assertThat(RECEIVER.badSignatures()).isZero();
        awaitStatus(beneficiary, toMissionLocale, "DELIVERED");
        assertThat(ack(toMissionLocale, ML).statusCode()).isEqualTo(200);

        // Pull API: AILE fetches its pending handoffs for this person and acknowledges each.
        List<String> forAile = pendingFor(AILE, beneficiary);
        assertThat(forAile).hasSize(4);
        for (String id : forAile) {
            assertThat(ack(id, AILE).statusCode()).isEqualTo(200);
        }
        assertThat(pendingFor(AILE, beneficiary)).isEmpty();

        // No SMTP server behind this test (the e-mail journey is email/EmailHandoffIT): the social worker's e-mail
        // is attempted and fails, nothing pretends it was sent.
        JsonNode social = find(handoffsOf(beneficiary).get("handoffs"), "barrier-social");
        assertThat(social.get("status").asText()).isIn("PENDING", "FAILED", "PARKED");
        assertThat(social.get("attempts").findValuesAsText("outcome")).doesNotContain("DELIVERED");

        JsonNode after = handoffsOf(beneficiary).get("handoffs");
        for (JsonNode handoff : after) {
            if (!handoff.get("rule").asText().equals("barrier-social")) {
                assertThat(handoff.get("status").asText()).as(handoff.get("rule").asText()).isEqualTo("ACKNOWLEDGED");
            }
        }
    }

    @Test
    void sameJourneyWithoutConsentTellsTheProgrammeReferentInsteadOfTheSocialWorker() throws IOException {
        String beneficiary = referAndFollow(24, "91240", false);
        event(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"LOGEMENT\"}");
        event(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"MOBILITE\"}");
        event(beneficiary, "{\"type\":\"PROGRAMME_COMPLETED\",\"outcome\":\"EMPLOYMENT\"}");

        JsonNode all = handoffsOf(beneficiary);
        List<String> summary = summary(all.get("handoffs"));
        assertThat(summary).noneMatch(line -> line.contains("SOCIAL_WORKER") || line.contains("cd91-social"));
        assertThat(summary).contains(
                "BARRIER_REPORTED|barrier-social|PROGRAMME|La Ruche — programme Itinéraire|ruche-itineraire|EMAIL");
        assertThat(find(all.get("handoffs"), "barrier-social").get("reason").asText())
                .contains("demandez-lui son consentement");
        assertThat(decisions(all, "CONSENT_MISSING")).containsExactly("BARRIER_REPORTED|barrier-social");

        // SECURITY: without consent, the Mission Locale hears that someone needs a counselor, not who it is.
        String toMissionLocale = find(all.get("handoffs"), "completed-employment-counselor").get("handoffId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> RECEIVER.deliveries(toMissionLocale) == 1);
        JsonNode delivered = JSON.readTree(RECEIVER.body(toMissionLocale));
        assertThat(delivered.at("/beneficiary/consentGiven").asBoolean()).isFalse();
        assertThat(delivered.get("beneficiary").has("lastName")).isFalse();
        assertThat(delivered.toString()).doesNotContain(surnameOf(beneficiary));
    }

    @Test
    void failingWebhookRetriesThenParksWhileOthersAreDeliveredAndReplayDeliversEachOnce() throws IOException {
        RECEIVER.down();
        List<String> webhookHandoffs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String beneficiary = referAndFollow(22, "91700", true);
            event(beneficiary, "{\"type\":\"PROGRAMME_COMPLETED\",\"outcome\":\"TRAINING\"}");
            webhookHandoffs.add(find(handoffsOf(beneficiary).get("handoffs"), "completed-employment-counselor")
                    .get("handoffId").asText());
        }
        // A PLIE participant (40 y.o.): their PLIE referent is reached through the PLIE's SFTP outbox.
        String plieParticipant = referAndFollow(40, "91220", true);
        beneficiaries.addReferent(UUID.fromString(plieParticipant), ReferentRole.EMPLOYMENT_COUNSELOR,
                new ReferentContact("Karim", "Haddad", "k.haddad@plie-valdorge.example.org", null, "PLIE du Val d'Orge", null),
                "plie-val-orge", null);
        event(plieParticipant, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"MOBILITE\"}");
        event(plieParticipant, "{\"type\":\"PROGRAMME_COMPLETED\",\"outcome\":\"EMPLOYMENT\"}");
        JsonNode plieHandoffs = handoffsOf(plieParticipant).get("handoffs");
        String mobility = find(plieHandoffs, "barrier-employment").get("handoffId").asText();
        String completion = find(plieHandoffs, "completed-employment-counselor").get("handoffId").asText();
        assertThat(find(plieHandoffs, "completed-employment-counselor").get("explanation").asText())
                .contains("référent PLIE").contains("Karim Haddad");

        // The PLIE gets its files while the Mission Locale's server is still failing.
        for (String id : List.of(mobility, completion)) {
            Path file = folders.outbox("plie-val-orge").resolve("passerelle-transfert-" + id + ".csv");
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(file));
            String csv = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(csv).startsWith("\uFEFFidentifiant_transfert;").contains(id).contains("\r\n");
            awaitStatus(plieParticipant, id, "DELIVERED");
            assertThat(ack(id, "demo-plie-val-orge-key").statusCode()).isEqualTo(200);
            awaitStatus(plieParticipant, id, "ACKNOWLEDGED");
        }
        assertThat(webhookHandoffs).allSatisfy(id -> assertThat(RECEIVER.deliveries(id)).isZero());

        for (String id : webhookHandoffs) {
            JsonNode parked = awaitOpsStatus(id, "PARKED");
            assertThat(parked.get("attempts")).hasSize(3);
            assertThat(parked.get("attempts").findValuesAsText("errorCode")).containsOnly("DELAI_DEPASSE");
            assertThat(parked.get("statusReason").asText()).contains("mis de côté");
        }

        RECEIVER.up();
        for (String id : webhookHandoffs) {
            assertThat(replay(id).statusCode()).isEqualTo(202);
        }
        for (String id : webhookHandoffs) {
            awaitOpsStatus(id, "DELIVERED");
        }
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).until(() ->
                webhookHandoffs.stream().allMatch(id -> RECEIVER.deliveries(id) == 1));
        assertThat(replay(webhookHandoffs.get(0)).statusCode()).isEqualTo(409);
    }

    @Test
    void aPartnerNeverSeesNorAcknowledgesAnotherPartnersHandoffAndAckIsIdempotent() throws IOException {
        String beneficiary = referAndFollow(30, "91390", true);
        String forAile = pendingFor(AILE, beneficiary).get(0);
        assertThat(ack(forAile, ML).statusCode()).isEqualTo(404);
        assertThat(pendingFor(ML, beneficiary)).isEmpty();
        assertThat(get("/api/v1/beneficiaries/" + beneficiary + "/handoffs", AILE).statusCode()).isEqualTo(403);

        HttpResponse<String> first = ack(forAile, AILE);
        HttpResponse<String> second = ack(forAile, AILE);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(second.body()).get("acknowledgedAt"))
                .isEqualTo(JSON.readTree(first.body()).get("acknowledgedAt"));
        assertThat(ack(UUID.randomUUID().toString(), AILE).statusCode()).isEqualTo(404);
    }

    @Test
    void journeyEventsAreValidatedAgainstTheBeneficiarysState() throws IOException {
        String beneficiary = refer(30, "91390", true);
        HttpResponse<String> early = postJson("/api/v1/beneficiaries/" + beneficiary + "/events", PROGRAMME,
                "{\"type\":\"PROGRAMME_COMPLETED\",\"outcome\":\"EMPLOYMENT\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(early.body()).get("code").asText()).isEqualTo("PARCOURS_NON_COMMENCE");

        HttpResponse<String> invalid = postJson("/api/v1/beneficiaries/" + beneficiary + "/events", PROGRAMME,
                "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"TELEPORTATION\",\"occurredAt\":\"hier\"}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(invalid.body()).get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("barrier", "occurredAt");

        assertThat(postJson("/api/v1/beneficiaries/" + beneficiary + "/events", AILE,
                "{\"type\":\"NO_SHOW\"}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);
        assertThat(postJson("/api/v1/beneficiaries/" + UUID.randomUUID() + "/events", PROGRAMME,
                "{\"type\":\"NO_SHOW\"}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(404);

        event(beneficiary, "{\"type\":\"DROPPED_OUT\",\"reason\":\"déménagement\"}");
        HttpResponse<String> afterDropOut = postJson("/api/v1/beneficiaries/" + beneficiary + "/events", PROGRAMME,
                "{\"type\":\"NO_SHOW\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(afterDropOut.statusCode()).isEqualTo(409);

        JsonNode journey = JSON.readTree(get("/api/v1/beneficiaries/" + beneficiary + "/journey", PROGRAMME).body());
        assertThat(journey.get("events").findValuesAsText("type")).containsExactly("DROPPED_OUT");
        assertThat(journey.at("/state/closedBy").asText()).isEqualTo("DROPPED_OUT");
        assertThat(summary(handoffsOf(beneficiary).get("handoffs")))
                .contains("DROPPED_OUT|dropped-out|PRESCRIBER|Nadia Perrault|aile|PULL_API");
    }

    @Test
    void socialBarrierWithoutSocialWorkerOfRecordGoesToTheSocialServiceCoveringTheCommune() {
        String beneficiary = refer(35, "91350", true, false);
        event(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"FINANCES\"}");
        JsonNode social = find(handoffsOf(beneficiary).get("handoffs"), "barrier-social");
        assertThat(social.at("/recipient/name").asText()).isEqualTo("MDS Grigny");
        assertThat(social.at("/recipient/partnerId").asText()).isEqualTo("cd91-social");
        assertThat(social.get("explanation").asText())
                .contains("le travailleur social de la personne (aucun connu)")
                .contains("couvre le code postal 91350");
    }

    @Test
    void referralsFeedTheDirectoryWithTheProfessionalsTheyName() {
        refer(30, "91100", true);
        assertThat(directory.referentByEmail("laure.tissier@essonne.example.fr")).hasValueSatisfying(referent -> {
            assertThat(referent.structureId()).isEqualTo("cd91-mds-grigny");
            assertThat(referent.role()).isEqualTo("SOCIAL_WORKER");
        });
        assertThat(directory.referentByEmail("n.perrault@aile-emploi.example.org"))
                .hasValueSatisfying(referent -> assertThat(referent.structureId()).isEqualTo("aile"));
        assertThat(directory.covering(StructureKind.MISSION_LOCALE, "91240", null, 24)).extracting(Structure::id)
                .containsExactly("ml-val-orge");
        assertThat(directory.covering(StructureKind.MISSION_LOCALE, "91240", null, 26)).isEmpty();
        assertThat(directory.referents("coord-val-orge", "TERRITORY_COORDINATOR")).hasSize(1);
    }

    @Test
    void rejectedFileRowsAreHandedBackToTheSendingPartnerWithTheirReasons() {
        String file = "row-3-birth-date-31-02-row-5-no-last-name.csv";
        PayloadOutcome outcome = payloads.receive(new IntakeSource("ml-val-orge", "SFTP_PUSH", "handoff-journey-it",
                "ml-val-orge/imilo-export.v1"), file, sample("ml-val-orge/invalid/" + file));
        assertThat(outcome.rejected()).isEqualTo(2);
        UUID raw = jdbc.sql("select raw_message_id from inbound_file where id = :id").param("id", outcome.inboundFileId())
                .query(UUID.class).single();
        List<Map<String, Object>> handoffs = jdbc.sql("""
                        select id, recipient_partner_id, channel, rule_id, reason from handoff
                        where trigger = 'REFERRAL_REJECTED' and source_id like :raw order by source_id""")
                .param("raw", raw + ":%").query().listOfRows();
        assertThat(handoffs).hasSize(2).allSatisfy(handoff -> {
            assertThat(handoff.get("recipient_partner_id")).isEqualTo("ml-val-orge");
            assertThat(handoff.get("channel")).isEqualTo("WEBHOOK");
            assertThat(handoff.get("rule_id")).isEqualTo("referral-rejected");
            assertThat((String) handoff.get("reason")).startsWith("Orientation refusée par Passerelle : ");
        });
        for (Map<String, Object> handoff : handoffs) {
            String id = handoff.get("id").toString();
            await().atMost(Duration.ofSeconds(10)).until(() -> RECEIVER.deliveries(id) == 1);
            assertThat(readJson(RECEIVER.body(id)).at("/rejection/errors")).isNotEmpty();
        }
    }

    // --- the scripted steps, through the real HTTP API

    /** Referral from AILE, eligibility decided, launch workshop attended. */
    private String referAndFollow(int age, String postalCode, boolean consent) {
        String beneficiary = refer(age, postalCode, consent);
        event(beneficiary, "{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":true,\"reason\":\"projet de création validé\"}");
        JsonNode launch = event(beneficiary, "{\"type\":\"WORKSHOP_ATTENDED\",\"kind\":\"LAUNCH\"}");
        assertThat(launch.get("triggers").findValuesAsText("")).isEmpty();
        assertThat(launch.get("triggers").toString()).contains("PROGRAMME_STARTED");
        return beneficiary;
    }

    private String refer(int age, String postalCode, boolean consent) {
        return refer(age, postalCode, consent, true);
    }

    private String refer(int age, String postalCode, boolean consent, boolean withSocialWorker) {
        int n = PEOPLE.incrementAndGet();
        String lastName = SURNAMES.get(n % SURNAMES.size()) + "-" + letters(n);
        String beneficiary = referNewPersonAsAile(referral -> {
            ObjectNode person = (ObjectNode) referral.get("beneficiary");
            person.put("firstName", "Léa");
            person.put("lastName", lastName);
            person.put("birthDate", LocalDate.now().minusYears(age).minusDays(40 + n).toString());
            person.put("email", "lea." + UUID.randomUUID() + "@example.org");
            ((ObjectNode) person.get("address")).put("postalCode", postalCode);
            ((ObjectNode) referral.get("consent")).put("dataSharing", consent);
            if (!withSocialWorker) {
                referral.putNull("socialWorker");
            }
        });
        surnames.put(beneficiary, lastName);
        return beneficiary;
    }

    private final Map<String, String> surnames = new java.util.concurrent.ConcurrentHashMap<>();

    private String surnameOf(String beneficiary) {
        return surnames.get(beneficiary);
    }

    private JsonNode event(String beneficiary, String json) {
        HttpResponse<String> answer = postJson("/api/v1/beneficiaries/" + beneficiary + "/events", PROGRAMME,
                json.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return readJson(answer.body());
    }

    private JsonNode handoffsOf(String beneficiary) {
        HttpResponse<String> answer = get("/api/v1/beneficiaries/" + beneficiary + "/handoffs", PROGRAMME);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return readJson(answer.body());
    }

    private List<String> pendingFor(String apiKey, String beneficiary) {
        JsonNode answer = readJson(get("/api/v1/handoffs?status=PENDING", apiKey).body());
        List<String> ids = new ArrayList<>();
        for (JsonNode item : answer.get("handoffs")) {
            if (beneficiary.equals(item.at("/handoff/beneficiary/id").asText())) {
                ids.add(item.get("handoffId").asText());
            }
        }
        return ids;
    }

    private HttpResponse<String> ack(String handoffId, String apiKey) {
        return postJson("/api/v1/handoffs/" + handoffId + "/ack", apiKey, new byte[0]);
    }

    private HttpResponse<String> replay(String handoffId) {
        return send(HttpRequest.newBuilder(uri("/api/v1/ops/handoffs/" + handoffId + "/replay"))
                .header("Authorization", operatorLogin()).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode awaitOpsStatus(String handoffId, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/api/v1/ops/handoffs?status=" + status))
                    .header("Authorization", operatorLogin()).GET());
            for (JsonNode handoff : readJson(answer.body()).get("handoffs")) {
                if (handoff.get("handoffId").asText().equals(handoffId)) {
                    found[0] = handoff;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private void awaitStatus(String beneficiary, String handoffId, String status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> handoffsOf(beneficiary).get("handoffs").findParents("handoffId")
                .stream().anyMatch(h -> h.get("handoffId").asText().equals(handoffId)
                        && h.get("status").asText().equals(status)));
    }

    private static String operatorLogin() {
        return "Basic " + Base64.getEncoder().encodeToString("operator:demo-operator-password".getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> summary(JsonNode handoffs) {
        List<String> lines = new ArrayList<>();
        for (JsonNode handoff : handoffs) {
            JsonNode to = handoff.get("recipient");
            lines.add(handoff.get("trigger").asText() + "|" + handoff.get("rule").asText() + "|" + to.get("role").asText()
                    + "|" + to.get("name").asText() + "|" + to.get("partnerId").asText() + "|" + to.get("channel").asText());
        }
        return lines;
    }

    private static List<String> decisions(JsonNode all, String outcome) {
        List<String> lines = new ArrayList<>();
        for (JsonNode decision : all.get("decisions")) {
            if (decision.get("outcome").asText().equals(outcome)) {
                lines.add(decision.get("trigger").asText() + "|" + decision.get("rule_id").asText());
            }
        }
        return lines;
    }

    private static JsonNode find(JsonNode handoffs, String rule) {
        for (JsonNode handoff : handoffs) {
            if (handoff.get("rule").asText().equals(rule)) {
                return handoff;
            }
        }
        throw new AssertionError("no handoff by rule " + rule + " in " + handoffs);
    }

    private static String letters(int n) {
        return String.valueOf((char) ('a' + n % 26)) + (char) ('a' + (n / 26) % 26);
    }

    private static JsonNode readJson(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(text, e);
        }
    }

    private static JsonNode readJson(byte[] bytes) {
        return readJson(new String(bytes, StandardCharsets.UTF_8));
    }

    private static WebhookReceiver startReceiver() {
        try {
            return new WebhookReceiver(WEBHOOK_SECRET);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
