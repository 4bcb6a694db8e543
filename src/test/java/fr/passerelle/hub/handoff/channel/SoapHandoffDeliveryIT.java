package fr.passerelle.hub.handoff.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.beneficiary.BeneficiaryStore;
import fr.passerelle.hub.canonical.ReferentContact;
import fr.passerelle.hub.canonical.ReferentRole;
import fr.passerelle.hub.handoff.soap.contract.v1.Relais;
import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import java.time.Duration;
import java.time.LocalDate;
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
        journeyEvent(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"MOBILITE\"}");
        JsonNode handoff = handoffsOf(beneficiary).withRule("barrier-employment");
        assertThat(handoff.at("/recipient/partnerId").asText()).isEqualTo("ft-91");
        assertThat(handoff.at("/recipient/channel").asText()).isEqualTo("SOAP");
        String id = handoff.get("handoffId").asText();

        awaitHandoffStatus(beneficiary, id, "DELIVERED");
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
        JsonNode attempts = handoffsOf(beneficiary).withRule("barrier-employment").get("attempts");
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).get("channel").asText()).isEqualTo("SOAP");
        assertThat(attempts.get(0).get("outcome").asText()).isEqualTo("DELIVERED");
    }

    @Test
    void withoutConsentFranceTravailHearsOfTheNeedButNotWhoItIs() {
        // The counselor was named by another structure's referral: France Travail does not hold the person yet.
        String beneficiary = followedByFranceTravail(false, franceTravailId(), null);
        journeyEvent(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"MOBILITE\"}");
        String id = handoffsOf(beneficiary).withRule("barrier-employment").get("handoffId").asText();

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
        journeyEvent(beneficiary, "{\"type\":\"BARRIER_REPORTED\",\"barrier\":\"MOBILITE\"}");
        String id = handoffsOf(beneficiary).withRule("barrier-employment").get("handoffId").asText();

        awaitHandoffStatus(beneficiary, id, "PARKED");
        JsonNode parked = handoffsOf(beneficiary).withRule("barrier-employment");
        assertThat(parked.get("attempts")).hasSize(3);
        assertThat(parked.get("attempts").findValuesAsText("errorCode")).containsOnly("RELAIS_REFUSE");
        assertThat(parked.get("attempts").findValuesAsText("detail")).allSatisfy(detail ->
                assertThat(detail).isEqualTo("refused by the partner: INDISPONIBLE"));
        assertThat(FRANCE_TRAVAIL.calls(id)).isEqualTo(3);
        assertThat(FRANCE_TRAVAIL.acknowledged(id)).isZero();

        FRANCE_TRAVAIL.recover();
        assertThat(replay(id).statusCode()).isEqualTo(202);
        awaitHandoffStatus(beneficiary, id, "DELIVERED");
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
        String beneficiary = referNewPersonAsAile(AileReferral.newPerson().firstName("Léa")
                .lastName("Relais-" + UUID.randomUUID().toString().substring(0, 8))
                .birthDate(LocalDate.now().minusYears(40).minusDays(ThreadLocalRandom.current().nextInt(300)))
                .franceTravailId(franceTravailId).email("lea." + UUID.randomUUID() + "@example.org")
                .postalCode("91240").consent(consent));
        beneficiaries.addReferent(UUID.fromString(beneficiary), ReferentRole.EMPLOYMENT_COUNSELOR,
                new ReferentContact("Julie", "Morel", "julie.morel@francetravail.example.fr", null,
                        "France Travail Sainte-Geneviève-des-Bois", null), counselorPartner, null);
        journeyEvent(beneficiary, "{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":true}");
        journeyEvent(beneficiary, "{\"type\":\"WORKSHOP_ATTENDED\",\"kind\":\"LAUNCH\"}");
        return beneficiary;
    }

    /** A France Travail identifier nobody else in the test database holds (identity matching uses it). */
    private static String franceTravailId() {
        return String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000)) + "K";
    }

    private static FranceTravailStandIn start() {
        try {
            return new FranceTravailStandIn();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
