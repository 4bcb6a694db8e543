package fr.passerelle.hub.handoff.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.passerelle.hub.beneficiary.BeneficiaryStore;
import fr.passerelle.hub.canonical.ReferentContact;
import fr.passerelle.hub.canonical.ReferentRole;
import fr.passerelle.hub.handoff.soap.contract.v1.Relais;
import fr.passerelle.hub.support.HubIntegrationTest;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Handoffs for France Travail (ft-91, outbound SOAP) delivered by the CXF client to a CXF server standing in for
 * France Travail, built from the same contract (wsdl/suivi-ft-v1.wsdl). The handoffs come from a journey scripted
 * through the real HTTP API: a person whose employment counselor of record is at the ft-91 agency reports a
 * MOBILITE barrier (rule barrier-employment).
 */
class SoapHandoffDeliveryIT extends HubIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AILE = "demo-aile-key";
    private static final String PROGRAMME = "demo-ruche-itineraire-key";
    private static final FranceTravailStandIn FRANCE_TRAVAIL = start();

    @Autowired
    BeneficiaryStore beneficiaries;

    @DynamicPropertySource
    static void franceTravail(DynamicPropertyRegistry registry) {
        registry.add("passerelle.handoffs.soap.targets.ft-91.url", FRANCE_TRAVAIL::url);
        registry.add("passerelle.handoffs.soap.targets.ft-91.username", () -> FranceTravailStandIn.USER);
        registry.add("passerelle.handoffs.soap.targets.ft-91.password", () -> FranceTravailStandIn.PASSWORD);
    }

    @AfterEach
    void franceTravailBackUp() {
        FRANCE_TRAVAIL.recover();
    }

    @AfterAll
    static void stop() throws Exception {
        FRANCE_TRAVAIL.close();
    }

    @Test
    void mobilityBarrierReachesTheFranceTravailCounselorByExactlyOneRecevoirRelaisCall() {
        String franceTravailId = franceTravailId();
        String beneficiary = followedByFranceTravail(true, franceTravailId);
        event(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"MOBILITE\"}");
        JsonNode handoff = handoff(beneficiary, "barrier-employment");
        assertThat(handoff.at("/recipient/partnerId").asText()).isEqualTo("ft-91");
        assertThat(handoff.at("/recipient/channel").asText()).isEqualTo("SOAP");
        String id = handoff.get("handoffId").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> status(beneficiary, id).equals("DELIVERED"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> FRANCE_TRAVAIL.calls(id) == 1);
        assertThat(FRANCE_TRAVAIL.badCredentials()).doesNotContain(id);
        Relais relais = FRANCE_TRAVAIL.received(id).getRelais();
        assertThat(relais.getIdentifiantRelais()).isEqualTo(id);
        assertThat(relais.getDeclencheur()).isEqualTo("BARRIER_REPORTED");
        assertThat(relais.getRegle()).isEqualTo("barrier-employment");
        assertThat(relais.getMotif()).contains("Mobilité");
        assertThat(relais.getEvenement().getFrein()).isEqualTo("MOBILITE");
        assertThat(relais.getConseiller().getNom()).isEqualTo("Julie Morel");
        assertThat(relais.getBeneficiaire().getIdentifiantPasserelle()).isEqualTo(beneficiary);
        assertThat(relais.getBeneficiaire().isConsentementPartage()).isTrue();
        assertThat(relais.getBeneficiaire().getIdentifiantFranceTravail()).isEqualTo(franceTravailId);
        assertThat(relais.getBeneficiaire().getPrenoms()).isEqualTo("Léa");
        JsonNode attempts = handoff(beneficiary, "barrier-employment").get("attempts");
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).get("channel").asText()).isEqualTo("SOAP");
        assertThat(attempts.get(0).get("outcome").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void withoutConsentFranceTravailHearsOfTheNeedButNotWhoItIs() {
        // The counselor was named by another structure's referral: France Travail does not hold the person yet.
        String beneficiary = followedByFranceTravail(false, franceTravailId(), null);
        event(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"MOBILITE\"}");
        String id = handoff(beneficiary, "barrier-employment").get("handoffId").asText();

        await().atMost(Duration.ofSeconds(10)).until(() -> FRANCE_TRAVAIL.received(id) != null);
        Relais relais = FRANCE_TRAVAIL.received(id).getRelais();
        assertThat(relais.getBeneficiaire().isConsentementPartage()).isFalse();
        assertThat(relais.getBeneficiaire().getNom()).isNull();
        assertThat(relais.getBeneficiaire().getPrenoms()).isNull();
        assertThat(relais.getBeneficiaire().getIdentifiantFranceTravail()).isNull();
    }

    @Test
    void aRefusingFranceTravailGetsRetriesThenTheHandoffIsParkedAndAReplayDeliversItOnce() {
        FRANCE_TRAVAIL.refuseEverything();
        String beneficiary = followedByFranceTravail(true, franceTravailId());
        event(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"MOBILITE\"}");
        String id = handoff(beneficiary, "barrier-employment").get("handoffId").asText();

        await().atMost(Duration.ofSeconds(15)).until(() -> status(beneficiary, id).equals("PARKED"));
        JsonNode parked = handoff(beneficiary, "barrier-employment");
        assertThat(parked.get("attempts")).hasSize(3);
        assertThat(parked.get("attempts").findValuesAsText("errorCode")).containsOnly("RELAIS_REFUSE");
        assertThat(parked.get("attempts").findValuesAsText("detail")).allSatisfy(detail ->
                assertThat(detail).isEqualTo("refused by the partner: INDISPONIBLE"));
        assertThat(FRANCE_TRAVAIL.calls(id)).isEqualTo(3);
        assertThat(FRANCE_TRAVAIL.acknowledged(id)).isZero();

        FRANCE_TRAVAIL.recover();
        HttpResponse<String> replay = send(HttpRequest.newBuilder(uri("/api/v1/ops/handoffs/" + id + "/replay"))
                .header("Authorization", operator()).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(replay.statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(beneficiary, id).equals("DELIVERED"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> FRANCE_TRAVAIL.acknowledged(id) == 1);
        assertThat(FRANCE_TRAVAIL.calls(id)).isEqualTo(4);
    }

    // --- the scripted steps, through the real HTTP API

    /** Referred by AILE, counselor of record at France Travail Sainte-Geneviève (ft-91), programme started. */
    private String followedByFranceTravail(boolean consent, String franceTravailId) {
        return followedByFranceTravail(consent, franceTravailId, "ft-91");
    }

    private String followedByFranceTravail(boolean consent, String franceTravailId, String counselorPartner) {
        ObjectNode referral = (ObjectNode) read(new String(sample("aile/valid/AILE-20261120-001.json"),
                StandardCharsets.UTF_8));
        referral.put("reference", "AILE-SOAP-" + UUID.randomUUID());
        ObjectNode person = (ObjectNode) referral.get("beneficiary");
        person.put("firstName", "Léa");
        person.put("lastName", "Relais-" + UUID.randomUUID().toString().substring(0, 8));
        person.put("birthDate", LocalDate.now().minusYears(40).minusDays(ThreadLocalRandom.current().nextInt(300)).toString());
        person.putNull("nir");
        person.put("franceTravailId", franceTravailId);
        person.put("email", "lea." + UUID.randomUUID() + "@example.org");
        ((ObjectNode) person.get("address")).put("postalCode", "91240");
        ((ObjectNode) referral.get("consent")).put("dataSharing", consent);
        HttpResponse<String> created = postJson("/api/v1/referrals", AILE, referral.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
        String referralId = read(created.body()).get("referralId").asText();
        String beneficiary = read(get("/api/v1/referrals/" + referralId, AILE).body()).get("beneficiaryId").asText();
        beneficiaries.addReferent(UUID.fromString(beneficiary), ReferentRole.EMPLOYMENT_COUNSELOR,
                new ReferentContact("Julie", "Morel", "julie.morel@francetravail.example.fr", null,
                        "France Travail Sainte-Geneviève-des-Bois", null), counselorPartner, null);
        event(beneficiary, "{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":true}");
        event(beneficiary, "{\"type\":\"WORKSHOP_ATTENDED\",\"kind\":\"LAUNCH\"}");
        return beneficiary;
    }

    private void event(String beneficiary, String json) {
        HttpResponse<String> answer = postJson("/api/v1/beneficiaries/" + beneficiary + "/events", PROGRAMME,
                json.getBytes(StandardCharsets.UTF_8));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
    }

    private JsonNode handoff(String beneficiary, String rule) {
        JsonNode all = read(get("/api/v1/beneficiaries/" + beneficiary + "/handoffs", PROGRAMME).body());
        for (JsonNode handoff : all.get("handoffs")) {
            if (handoff.get("rule").asText().equals(rule)) {
                return handoff;
            }
        }
        throw new AssertionError("no handoff by rule " + rule + " in " + all);
    }

    private String status(String beneficiary, String handoffId) {
        JsonNode all = read(get("/api/v1/beneficiaries/" + beneficiary + "/handoffs", PROGRAMME).body());
        for (JsonNode handoff : all.get("handoffs")) {
            if (handoff.get("handoffId").asText().equals(handoffId)) {
                return handoff.get("status").asText();
            }
        }
        return "?";
    }

    /** A France Travail identifier nobody else in the test database holds (identity matching uses it). */
    private static String franceTravailId() {
        return String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000)) + "K";
    }

    private static String operator() {
        return "Basic " + Base64.getEncoder().encodeToString("operator:demo-operator-password"
                .getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(text, e);
        }
    }

    private static FranceTravailStandIn start() {
        try {
            return new FranceTravailStandIn();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
