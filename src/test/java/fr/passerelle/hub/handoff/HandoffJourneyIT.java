package fr.passerelle.hub.handoff;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.ML_VAL_ORGE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.PLIE_VAL_ORGE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.PROGRAMME_KEY;
import static fr.passerelle.hub.testsupport.PartnerSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.beneficiary.BeneficiaryStore;
import fr.passerelle.hub.canonical.ReferentContact;
import fr.passerelle.hub.canonical.ReferentRole;
import fr.passerelle.hub.directory.DirectoryReferent;
import fr.passerelle.hub.directory.ReferentDirectory;
import fr.passerelle.hub.directory.Structure;
import fr.passerelle.hub.directory.StructureKind;
import fr.passerelle.hub.intake.IntakeSource;
import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.intake.PayloadOutcome;
import fr.passerelle.hub.partner.PartnerFolders;
import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.HandoffHistory;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import fr.passerelle.hub.testsupport.PublishedContract;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
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
        journeyEvent(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"LOGEMENT\",\"note\":\"hébergée chez sa sœur\"}");
        journeyEvent(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"MOBILITE\"}");
        journeyEvent(beneficiary, "{\"type\":\"PROGRAMME_COMPLETED\",\"outcome\":\"EMPLOYMENT\"}");

        HandoffHistory all = handoffsOf(beneficiary);
        assertThat(summary(all.handoffs())).containsExactlyInAnyOrder(
                "REFERRAL_ACCEPTED|referral-accepted|PRESCRIBER|Nadia Perrault|aile|PULL_API",
                "ELIGIBILITY_DECIDED|eligibility-decided|PRESCRIBER|Nadia Perrault|aile|PULL_API",
                "PROGRAMME_STARTED|programme-started|PRESCRIBER|Nadia Perrault|aile|PULL_API",
                "BARRIER_REPORTED|barrier-social|SOCIAL_WORKER|Laure Tissier|cd91-social|EMAIL",
                "PROGRAMME_COMPLETED|completed-employment-counselor|MISSION_LOCALE|Mission Locale du Val d'Orge|ml-val-orge|WEBHOOK",
                "PROGRAMME_COMPLETED|completed-closing-summary|PRESCRIBER|Nadia Perrault|aile|PULL_API");
        JsonNode referralAck = all.withRule("referral-accepted");
        assertThat(referralAck.get("reason").asText()).contains("acceptée par Passerelle sous l'identifiant");
        assertThat(all.withRule("barrier-social").get("reason").asText()).contains("Logement");
        assertThat(all.withRule("barrier-social").get("explanation").asText())
                .contains("travailleur social de la personne Laure Tissier, MDS Grigny");
        assertThat(all.withRule("completed-employment-counselor").get("explanation").asText())
                .contains("âge < 26").contains("24 ans");
        // Nobody of record for these: the decision is recorded with its reason, no handoff is invented.
        assertThat(decisions(all, "NO_RECIPIENT")).containsExactlyInAnyOrder(
                "PROGRAMME_STARTED|programme-started", "BARRIER_REPORTED|barrier-employment");

        // Webhook: delivered to the Mission Locale's server with a valid signature, then acknowledged by it.
        String toMissionLocale = all.withRule("completed-employment-counselor").get("handoffId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> RECEIVER.deliveries(toMissionLocale) == 1);
        JsonNode delivered = Json.read(RECEIVER.body(toMissionLocale));
        assertThat(delivered.get("handoffId").asText()).isEqualTo(toMissionLocale);
        assertThat(delivered.at("/beneficiary/lastName").asText()).isEqualTo(surnameOf(beneficiary));
        // The body is what the API description's webhook publishes; the receiver verified the signature its way.
        assertThat(PublishedContract.violations(
                "/webhooks/handoff/post/requestBody/content/application~1json/schema", delivered)).isEmpty();
        assertThat(RECEIVER.badSignatures()).isZero();
        awaitHandoffStatus(beneficiary, toMissionLocale, "DELIVERED");
        assertThat(acknowledge(toMissionLocale, ML_VAL_ORGE_KEY).statusCode()).isEqualTo(200);

        // Pull API: AILE fetches its pending handoffs for this person and acknowledges each.
        List<String> forAile = pendingFor(AILE_KEY, beneficiary);
        assertThat(forAile).hasSize(4);
        for (String id : forAile) {
            assertThat(acknowledge(id, AILE_KEY).statusCode()).isEqualTo(200);
        }
        assertThat(pendingFor(AILE_KEY, beneficiary)).isEmpty();

        // No SMTP server behind this test (the e-mail journey is email/EmailHandoffIT): the social worker's e-mail
        // is attempted and fails, nothing pretends it was sent.
        JsonNode social = handoffsOf(beneficiary).withRule("barrier-social");
        assertThat(social.get("status").asText()).isIn("PENDING", "FAILED", "PARKED");
        assertThat(social.get("attempts").findValuesAsText("outcome")).doesNotContain("DELIVERED");

        JsonNode after = handoffsOf(beneficiary).handoffs();
        for (JsonNode handoff : after) {
            if (!handoff.get("rule").asText().equals("barrier-social")) {
                assertThat(handoff.get("status").asText()).as(handoff.get("rule").asText()).isEqualTo("ACKNOWLEDGED");
            }
        }
    }

    @Test
    void sameJourneyWithoutConsentTellsTheProgrammeReferentInsteadOfTheSocialWorker() throws IOException {
        String beneficiary = referAndFollow(24, "91240", false);
        journeyEvent(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"LOGEMENT\"}");
        journeyEvent(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"MOBILITE\"}");
        journeyEvent(beneficiary, "{\"type\":\"PROGRAMME_COMPLETED\",\"outcome\":\"EMPLOYMENT\"}");

        HandoffHistory all = handoffsOf(beneficiary);
        List<String> summary = summary(all.handoffs());
        assertThat(summary).noneMatch(line -> line.contains("SOCIAL_WORKER") || line.contains("cd91-social"));
        assertThat(summary).contains(
                "BARRIER_REPORTED|barrier-social|PROGRAMME|La Ruche — programme Itinéraire|ruche-itineraire|EMAIL");
        assertThat(all.withRule("barrier-social").get("reason").asText())
                .contains("demandez-lui son consentement");
        assertThat(decisions(all, "CONSENT_MISSING")).containsExactly("BARRIER_REPORTED|barrier-social");

        // SECURITY: without consent, the Mission Locale hears that someone needs a counselor, not who it is.
        String toMissionLocale = all.withRule("completed-employment-counselor").get("handoffId").asText();
        await().atMost(Duration.ofSeconds(10)).until(() -> RECEIVER.deliveries(toMissionLocale) == 1);
        JsonNode delivered = Json.read(RECEIVER.body(toMissionLocale));
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
            journeyEvent(beneficiary, "{\"type\":\"PROGRAMME_COMPLETED\",\"outcome\":\"TRAINING\"}");
            webhookHandoffs.add(handoffsOf(beneficiary).withRule("completed-employment-counselor")
                    .get("handoffId").asText());
        }
        // A PLIE participant (40 y.o.): their PLIE referent is reached through the PLIE's SFTP outbox.
        String plieParticipant = referAndFollow(40, "91220", true);
        beneficiaries.addReferent(UUID.fromString(plieParticipant), ReferentRole.EMPLOYMENT_COUNSELOR,
                new ReferentContact("Karim", "Haddad", "k.haddad@plie-valdorge.example.org", null, "PLIE du Val d'Orge", null),
                "plie-val-orge", null);
        journeyEvent(plieParticipant, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"MOBILITE\"}");
        journeyEvent(plieParticipant, "{\"type\":\"PROGRAMME_COMPLETED\",\"outcome\":\"EMPLOYMENT\"}");
        HandoffHistory plieHandoffs = handoffsOf(plieParticipant);
        String mobility = plieHandoffs.withRule("barrier-employment").get("handoffId").asText();
        String completion = plieHandoffs.withRule("completed-employment-counselor").get("handoffId").asText();
        assertThat(plieHandoffs.withRule("completed-employment-counselor").get("explanation").asText())
                .contains("référent PLIE").contains("Karim Haddad");

        // The PLIE gets its files while the Mission Locale's server is still failing.
        for (String id : List.of(mobility, completion)) {
            Path file = folders.outbox("plie-val-orge").resolve("passerelle-transfert-" + id + ".csv");
            await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(file));
            String csv = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(csv).startsWith("\uFEFFidentifiant_transfert;").contains(id).contains("\r\n");
            awaitHandoffStatus(plieParticipant, id, "DELIVERED");
            assertThat(acknowledge(id, PLIE_VAL_ORGE_KEY).statusCode()).isEqualTo(200);
            awaitHandoffStatus(plieParticipant, id, "ACKNOWLEDGED");
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
        String forAile = pendingFor(AILE_KEY, beneficiary).get(0);
        assertThat(acknowledge(forAile, ML_VAL_ORGE_KEY).statusCode()).isEqualTo(404);
        assertThat(pendingFor(ML_VAL_ORGE_KEY, beneficiary)).isEmpty();
        assertThat(get("/api/v1/beneficiaries/" + beneficiary + "/handoffs", AILE_KEY).statusCode()).isEqualTo(403);

        HttpResponse<String> first = acknowledge(forAile, AILE_KEY);
        HttpResponse<String> second = acknowledge(forAile, AILE_KEY);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(Json.read(second.body()).get("acknowledgedAt"))
                .isEqualTo(Json.read(first.body()).get("acknowledgedAt"));
        assertThat(acknowledge(UUID.randomUUID().toString(), AILE_KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void journeyEventsAreValidatedAgainstTheBeneficiarysState() throws IOException {
        String beneficiary = refer(30, "91390", true);
        HttpResponse<String> early = postJson("/api/v1/beneficiaries/" + beneficiary + "/events", PROGRAMME_KEY,
                "{\"type\":\"PROGRAMME_COMPLETED\",\"outcome\":\"EMPLOYMENT\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(Json.read(early.body()).get("code").asText()).isEqualTo("PARCOURS_NON_COMMENCE");

        HttpResponse<String> invalid = postJson("/api/v1/beneficiaries/" + beneficiary + "/events", PROGRAMME_KEY,
                "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"TELEPORTATION\",\"occurredAt\":\"hier\"}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(Json.read(invalid.body()).get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("barrier", "occurredAt");

        assertThat(postJson("/api/v1/beneficiaries/" + beneficiary + "/events", AILE_KEY,
                "{\"type\":\"NO_SHOW\"}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(403);
        assertThat(postJson("/api/v1/beneficiaries/" + UUID.randomUUID() + "/events", PROGRAMME_KEY,
                "{\"type\":\"NO_SHOW\"}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(404);

        journeyEvent(beneficiary, "{\"type\":\"DROPPED_OUT\",\"reason\":\"déménagement\"}");
        HttpResponse<String> afterDropOut = postJson("/api/v1/beneficiaries/" + beneficiary + "/events", PROGRAMME_KEY,
                "{\"type\":\"NO_SHOW\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(afterDropOut.statusCode()).isEqualTo(409);

        JsonNode journey = Json.read(get("/api/v1/beneficiaries/" + beneficiary + "/journey", PROGRAMME_KEY).body());
        assertThat(journey.get("events").findValuesAsText("type")).containsExactly("DROPPED_OUT");
        assertThat(journey.at("/state/closedBy").asText()).isEqualTo("DROPPED_OUT");
        assertThat(summary(handoffsOf(beneficiary).handoffs()))
                .contains("DROPPED_OUT|dropped-out|PRESCRIBER|Nadia Perrault|aile|PULL_API");
    }

    @Test
    void socialBarrierWithoutSocialWorkerOfRecordGoesToTheSocialServiceCoveringTheCommune() {
        String beneficiary = refer(35, "91350", true, false);
        journeyEvent(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"FINANCES\"}");
        JsonNode social = handoffsOf(beneficiary).withRule("barrier-social");
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
    void aProfessionalNamedInTwoRolesIsInTheDirectoryUnderBoth() {
        // France Travail's extract names the same counselor as prescriber and as employment counselor: one row each,
        // so neither role is lost and no referral rewrites (and locks) the other's row.
        String email = "conseiller." + UUID.randomUUID() + "@francetravail.example.fr";
        directory.saveReferent("ft-91027", "PRESCRIBER", "Claire", "Lemoine", email, null, "REFERRAL");
        directory.saveReferent("ft-91027", "EMPLOYMENT_COUNSELOR", "Claire", "Lemoine", email, null, "REFERRAL");
        assertThat(directory.referents("ft-91027", "PRESCRIBER")).extracting(DirectoryReferent::email).contains(email);
        assertThat(directory.referents("ft-91027", "EMPLOYMENT_COUNSELOR")).extracting(DirectoryReferent::email)
                .contains(email);
        assertThat(directory.referentByEmail(email)).isPresent();
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
            assertThat(Json.read(RECEIVER.body(id)).at("/rejection/errors")).isNotEmpty();
        }
    }

    // --- the scripted steps, through the real HTTP API

    /** Referral from AILE, eligibility decided, launch workshop attended. */
    private String referAndFollow(int age, String postalCode, boolean consent) {
        String beneficiary = refer(age, postalCode, consent);
        journeyEvent(beneficiary, "{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":true,\"reason\":\"projet de création validé\"}");
        JsonNode launch = journeyEvent(beneficiary, "{\"type\":\"WORKSHOP_ATTENDED\",\"kind\":\"LAUNCH\"}");
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
        AileReferral referral = AileReferral.newPerson().firstName("Léa").lastName(lastName)
                .birthDate(LocalDate.now().minusYears(age).minusDays(40 + n))
                .email("lea." + UUID.randomUUID() + "@example.org").postalCode(postalCode).consent(consent);
        if (!withSocialWorker) {
            referral.withoutSocialWorker();
        }
        String beneficiary = referNewPersonAsAile(referral);
        surnames.put(beneficiary, lastName);
        return beneficiary;
    }

    private final Map<String, String> surnames = new java.util.concurrent.ConcurrentHashMap<>();

    private String surnameOf(String beneficiary) {
        return surnames.get(beneficiary);
    }

    private List<String> pendingFor(String apiKey, String beneficiary) {
        List<String> ids = new ArrayList<>();
        for (JsonNode item : pendingHandoffs(apiKey)) {
            if (beneficiary.equals(item.at("/handoff/beneficiary/id").asText())) {
                ids.add(item.get("handoffId").asText());
            }
        }
        return ids;
    }

    private JsonNode awaitOpsStatus(String handoffId, String status) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode listed = Json.read(getAsOperator("/api/v1/ops/handoffs?status=" + status).body());
            for (JsonNode handoff : listed.get("handoffs")) {
                if (handoff.get("handoffId").asText().equals(handoffId)) {
                    found[0] = handoff;
                    return true;
                }
            }
            return false;
        });
        return found[0];
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

    private static List<String> decisions(HandoffHistory all, String outcome) {
        List<String> lines = new ArrayList<>();
        for (JsonNode decision : all.decisions()) {
            if (decision.get("outcome").asText().equals(outcome)) {
                lines.add(decision.get("trigger").asText() + "|" + decision.get("rule_id").asText());
            }
        }
        return lines;
    }

    private static String letters(int n) {
        return String.valueOf((char) ('a' + n % 26)) + (char) ('a' + (n / 26) % 26);
    }

    private static WebhookReceiver startReceiver() {
        try {
            return new WebhookReceiver(WEBHOOK_SECRET);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
