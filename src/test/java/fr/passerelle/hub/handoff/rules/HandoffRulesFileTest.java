package fr.passerelle.hub.handoff.rules;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.canonical.Barrier;
import fr.passerelle.hub.partner.Channel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of SPEC §5 as written in routes/rules/handoffs.yaml, rule by rule, with recipients found by a table. */
class HandoffRulesFileTest {

    private static RuleSet rules;

    private final Map<RecipientKind, List<Recipient>> known = new EnumMap<>(RecipientKind.class);

    @BeforeAll
    static void load() throws IOException {
        Path file = Path.of("routes", "rules", "handoffs.yaml");
        rules = RuleFile.parse(file.toString(), Files.readString(file));
    }

    private static Recipient recipient(String key, String partner, Channel channel) {
        return new Recipient(key, "ROLE", key, key + "@example.org", null, null, partner, channel, "trouvé : " + key);
    }

    private List<RoutingDecision> route(Trigger trigger, Barrier barrier, String outcome, int noShows, Integer age,
                                        boolean consent, boolean franceTravail, boolean plie) {
        RoutingFacts facts = new RoutingFacts(trigger, barrier, outcome, noShows, age, consent, franceTravail, plie, true,
                new HashMap<>(Map.of("referralId", "R-1", "barrierLabel", barrier == null ? "" : barrier.label())));
        return RuleEvaluator.evaluate(rules, facts, (kind, f) -> known.getOrDefault(kind, List.of()));
    }

    private static List<String> routedTo(List<RoutingDecision> decisions) {
        return decisions.stream().filter(decision -> decision.recipient() != null)
                .map(decision -> decision.ruleId() + "→" + decision.recipient().key()).toList();
    }

    @Test
    void acceptedReferralIsAcknowledgedToItsPrescriberWithPasserellesId() {
        known.put(RecipientKind.PRESCRIBER_OF_REFERRAL, List.of(recipient("prescriber", "aile", Channel.PULL_API)));
        List<RoutingDecision> decisions = route(Trigger.REFERRAL_ACCEPTED, null, null, 0, 30, true, false, false);
        assertThat(routedTo(decisions)).containsExactly("referral-accepted→prescriber");
        assertThat(decisions.get(0).reason()).contains("R-1");
        assertThat(decisions.get(0).explanation()).startsWith("règle referral-accepted");
    }

    @Test
    void rejectedFileRecordGoesBackToTheSendingPartner() {
        known.put(RecipientKind.SENDING_PARTNER, List.of(recipient("plie", "plie-val-orge", Channel.SFTP_OUTBOX)));
        assertThat(routedTo(route(Trigger.REFERRAL_REJECTED, null, null, 0, null, false, false, false)))
                .containsExactly("referral-rejected→plie");
    }

    @Test
    void programmeStartIsToldToPrescribersAndTheEmploymentCounselor() {
        known.put(RecipientKind.PRESCRIBERS, List.of(recipient("prescriber", "aile", Channel.PULL_API)));
        known.put(RecipientKind.EMPLOYMENT_COUNSELOR, List.of(recipient("counselor", "ft-91", Channel.SOAP)));
        assertThat(routedTo(route(Trigger.PROGRAMME_STARTED, null, null, 0, 30, true, false, false)))
                .containsExactly("programme-started→prescriber", "programme-started→counselor");
    }

    @Test
    void programmeStartWithoutCounselorOfRecordRecordsThatNobodyWasFound() {
        known.put(RecipientKind.PRESCRIBERS, List.of(recipient("prescriber", "aile", Channel.PULL_API)));
        List<RoutingDecision> decisions = route(Trigger.PROGRAMME_STARTED, null, null, 0, 30, true, false, false);
        assertThat(decisions).extracting(RoutingDecision::outcome)
                .containsExactly(RoutingDecision.Outcome.ROUTED, RoutingDecision.Outcome.NO_RECIPIENT);
        assertThat(decisions.get(1).explanation()).contains("le conseiller emploi de la personne (aucun connu)");
    }

    @Test
    void socialBarrierWithConsentGoesToTheSocialWorkerOfRecord() {
        known.put(RecipientKind.SOCIAL_WORKER, List.of(recipient("social-worker", "cd91-social", Channel.EMAIL)));
        known.put(RecipientKind.SOCIAL_SERVICE_COVERING_COMMUNE, List.of(recipient("mds", "cd91-social", Channel.EMAIL)));
        for (Barrier barrier : List.of(Barrier.LOGEMENT, Barrier.SANTE, Barrier.FINANCES,
                Barrier.ADMINISTRATIF_JURIDIQUE, Barrier.FAMILLE)) {
            assertThat(routedTo(route(Trigger.BARRIER_REPORTED, barrier, null, 0, 30, true, false, false)))
                    .as(barrier.name()).containsExactly("barrier-social→social-worker");
        }
    }

    @Test
    void socialBarrierWithoutSocialWorkerGoesToTheSocialServiceCoveringTheCommune() {
        known.put(RecipientKind.SOCIAL_SERVICE_COVERING_COMMUNE, List.of(recipient("mds", "cd91-social", Channel.EMAIL)));
        List<RoutingDecision> decisions = route(Trigger.BARRIER_REPORTED, Barrier.LOGEMENT, null, 0, 30, true, false, false);
        assertThat(routedTo(decisions)).containsExactly("barrier-social→mds");
        assertThat(decisions.get(0).explanation()).contains("avant : le travailleur social de la personne (aucun connu)");
    }

    @Test
    void socialBarrierWithoutConsentTellsTheProgrammeReferentToAskForIt() {
        known.put(RecipientKind.SOCIAL_WORKER, List.of(recipient("social-worker", "cd91-social", Channel.EMAIL)));
        known.put(RecipientKind.PROGRAMME_REFERENT, List.of(recipient("programme", "ruche-itineraire", Channel.EMAIL)));
        List<RoutingDecision> decisions = route(Trigger.BARRIER_REPORTED, Barrier.SANTE, null, 0, 30, false, false, false);
        assertThat(routedTo(decisions)).containsExactly("barrier-social→programme");
        assertThat(decisions.get(0).outcome()).isEqualTo(RoutingDecision.Outcome.CONSENT_MISSING);
        assertThat(decisions.get(0).reason()).contains("Santé").contains("consentement");
    }

    @Test
    void employmentBarrierGoesToTheEmploymentCounselorOnly() {
        known.put(RecipientKind.EMPLOYMENT_COUNSELOR, List.of(recipient("counselor", "ml-val-orge", Channel.WEBHOOK)));
        known.put(RecipientKind.SOCIAL_WORKER, List.of(recipient("social-worker", "cd91-social", Channel.EMAIL)));
        for (Barrier barrier : List.of(Barrier.MOBILITE, Barrier.LANGUE_SAVOIRS, Barrier.NUMERIQUE)) {
            assertThat(routedTo(route(Trigger.BARRIER_REPORTED, barrier, null, 0, 30, false, false, false)))
                    .as(barrier.name()).containsExactly("barrier-employment→counselor");
        }
    }

    @Test
    void onlyTheSecondNoShowHandsOff() {
        known.put(RecipientKind.PRESCRIBERS, List.of(recipient("prescriber", "aile", Channel.PULL_API)));
        known.put(RecipientKind.EMPLOYMENT_COUNSELOR, List.of(recipient("counselor", "ft-91", Channel.SOAP)));
        assertThat(route(Trigger.NO_SHOW, null, null, 1, 30, true, false, false)).isEmpty();
        assertThat(routedTo(route(Trigger.NO_SHOW, null, null, 2, 30, true, false, false)))
                .containsExactly("no-show-twice→prescriber", "no-show-twice→counselor");
        assertThat(route(Trigger.NO_SHOW, null, null, 3, 30, true, false, false)).isEmpty();
    }

    @Test
    void dropOutGoesToPrescribersAndCounselor() {
        known.put(RecipientKind.PRESCRIBERS, List.of(recipient("prescriber", "aile", Channel.PULL_API)));
        known.put(RecipientKind.EMPLOYMENT_COUNSELOR, List.of(recipient("counselor", "ft-91", Channel.SOAP)));
        assertThat(routedTo(route(Trigger.DROPPED_OUT, null, null, 0, 30, true, false, false)))
                .containsExactly("dropped-out→prescriber", "dropped-out→counselor");
    }

    @Test
    void completionInEmploymentUnder26GoesToTheMissionLocaleEvenWhenRegisteredWithFranceTravail() {
        givenEveryEmploymentStructure();
        List<RoutingDecision> decisions = route(Trigger.PROGRAMME_COMPLETED, null, "EMPLOYMENT", 0, 24, true, true, true);
        assertThat(routedTo(decisions)).containsExactly("completed-employment-counselor→ml",
                "completed-closing-summary→prescriber");
    }

    @Test
    void completionInTrainingAt26GoesToTheFranceTravailCounselorWhenRegistered() {
        givenEveryEmploymentStructure();
        List<RoutingDecision> decisions = route(Trigger.PROGRAMME_COMPLETED, null, "TRAINING", 0, 26, true, true, true);
        assertThat(routedTo(decisions)).startsWith("completed-employment-counselor→ft-counselor");
        assertThat(decisions.get(0).explanation()).contains("écarté");
    }

    @Test
    void completionOfAPlieParticipantNotRegisteredGoesToThePlieReferent() {
        givenEveryEmploymentStructure();
        assertThat(routedTo(route(Trigger.PROGRAMME_COMPLETED, null, "EMPLOYMENT", 0, 40, true, false, true)))
                .startsWith("completed-employment-counselor→plie");
    }

    @Test
    void completionOtherwiseGoesToTheFranceTravailAgencyCoveringTheCommune() {
        givenEveryEmploymentStructure();
        assertThat(routedTo(route(Trigger.PROGRAMME_COMPLETED, null, "EMPLOYMENT", 0, 40, true, false, false)))
                .startsWith("completed-employment-counselor→ft-agency");
    }

    @Test
    void completionInBusinessCreationOnlySendsTheClosingSummary() {
        givenEveryEmploymentStructure();
        assertThat(routedTo(route(Trigger.PROGRAMME_COMPLETED, null, "BUSINESS_CREATION", 0, 24, true, true, false)))
                .containsExactly("completed-closing-summary→prescriber");
    }

    @Test
    void noActiveReferentGoesToTheTerritoryCoordinator() {
        known.put(RecipientKind.TERRITORY_COORDINATOR, List.of(recipient("coordinator", null, Channel.EMAIL)));
        assertThat(routedTo(route(Trigger.NO_ACTIVE_REFERENT, null, null, 0, 30, true, false, false)))
                .containsExactly("no-active-referent→coordinator");
    }

    @Test
    void matchFoundTellsEveryPrescriberOnce() {
        Recipient aile = recipient("prescriber-aile", "aile", Channel.PULL_API);
        known.put(RecipientKind.PRESCRIBERS, List.of(aile, recipient("prescriber-ml", "ml-val-orge", Channel.WEBHOOK), aile));
        assertThat(routedTo(route(Trigger.BENEFICIARY_MATCHED, null, null, 0, 30, true, false, false)))
                .containsExactly("match-found→prescriber-aile", "match-found→prescriber-ml");
    }

    @Test
    void everyJourneyEventTypeAndTheProgrammeStartAreTriggersTheRulesCanName() {
        for (fr.passerelle.hub.journey.JourneyEventType type : fr.passerelle.hub.journey.JourneyEventType.values()) {
            assertThat(Trigger.valueOf(type.name())).isNotNull();
        }
        assertThat(Trigger.valueOf(fr.passerelle.hub.journey.JourneyEventRecorded.PROGRAMME_STARTED)).isNotNull();
    }

    private void givenEveryEmploymentStructure() {
        known.put(RecipientKind.MISSION_LOCALE_COVERING_COMMUNE, List.of(recipient("ml", "ml-val-orge", Channel.WEBHOOK)));
        known.put(RecipientKind.FRANCE_TRAVAIL_COUNSELOR, List.of(recipient("ft-counselor", "ft-91", Channel.SOAP)));
        known.put(RecipientKind.PLIE_REFERENT, List.of(recipient("plie", "plie-val-orge", Channel.SFTP_OUTBOX)));
        known.put(RecipientKind.FRANCE_TRAVAIL_AGENCY_COVERING_COMMUNE, List.of(recipient("ft-agency", "ft-91", Channel.SOAP)));
        known.put(RecipientKind.PRESCRIBERS, List.of(recipient("prescriber", "aile", Channel.PULL_API)));
    }
}
