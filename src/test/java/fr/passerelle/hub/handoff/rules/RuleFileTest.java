package fr.passerelle.hub.handoff.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuleFileTest {

    private static final String ORIGIN = "routes/rules/test.yaml";

    private static String rule(String body) {
        return "version: 1\nrules:\n  - id: some-rule\n" + body;
    }

    @Test
    void readsFirstOfChoicesWithConditions() {
        RuleSet rules = RuleFile.parse(ORIGIN, rule("""
                    trigger: PROGRAMME_COMPLETED
                    when: { outcome: [EMPLOYMENT] }
                    recipients:
                      - firstOf:
                          - { who: MISSION_LOCALE_COVERING_COMMUNE, if: { ageUnder: 26 } }
                          - FRANCE_TRAVAIL_AGENCY_COVERING_COMMUNE
                    reason: "Issue {outcome}"
                """));
        HandoffRule rule = rules.rules().get(0);
        assertThat(rule.recipients().get(0).firstOf()).extracting(HandoffRule.Choice::who)
                .containsExactly(RecipientKind.MISSION_LOCALE_COVERING_COMMUNE,
                        RecipientKind.FRANCE_TRAVAIL_AGENCY_COVERING_COMMUNE);
        assertThat(rule.recipients().get(0).firstOf().get(0).onlyIf().ageUnder()).isEqualTo(26);
    }

    @Test
    void unknownTriggerNamesTheFileAndTheRule() {
        assertThatThrownBy(() -> RuleFile.parse(ORIGIN, rule("""
                    trigger: PROGRAMME_FINISHED
                    recipients: [PRESCRIBERS]
                    reason: "x"
                """)))
                .isInstanceOf(InvalidRulesException.class)
                .hasMessageContaining(ORIGIN).hasMessageContaining("rule 'some-rule'").hasMessageContaining("PROGRAMME_FINISHED");
    }

    @Test
    void unknownRecipientKindIsRefused() {
        assertThatThrownBy(() -> RuleFile.parse(ORIGIN, rule("""
                    trigger: NO_SHOW
                    recipients: [THE_MAYOR]
                    reason: "x"
                """))).hasMessageContaining("THE_MAYOR");
    }

    @Test
    void misspelledConditionIsRefused() {
        assertThatThrownBy(() -> RuleFile.parse(ORIGIN, rule("""
                    trigger: BARRIER_REPORTED
                    when: { barriers: [LOGEMENT] }
                    recipients: [SOCIAL_WORKER]
                    reason: "x"
                """))).hasMessageContaining("unknown key 'barriers'");
    }

    @Test
    void unknownBarrierCodeIsRefused() {
        assertThatThrownBy(() -> RuleFile.parse(ORIGIN, rule("""
                    trigger: BARRIER_REPORTED
                    when: { barrier: [TELEPORTATION] }
                    recipients: [SOCIAL_WORKER]
                    reason: "x"
                """))).hasMessageContaining("TELEPORTATION");
    }

    @Test
    void unknownPlaceholderInReasonIsRefused() {
        assertThatThrownBy(() -> RuleFile.parse(ORIGIN, rule("""
                    trigger: NO_SHOW
                    recipients: [PRESCRIBERS]
                    reason: "Absent {nir}"
                """))).hasMessageContaining("{nir}");
    }

    @Test
    void withoutConsentRequiresConsentRequired() {
        assertThatThrownBy(() -> RuleFile.parse(ORIGIN, rule("""
                    trigger: BARRIER_REPORTED
                    recipients: [SOCIAL_WORKER]
                    reason: "x"
                    withoutConsent: { recipients: [PROGRAMME_REFERENT], reason: "y" }
                """))).hasMessageContaining("withoutConsent");
    }

    @Test
    void missingReasonIsRefused() {
        assertThatThrownBy(() -> RuleFile.parse(ORIGIN, rule("""
                    trigger: NO_SHOW
                    recipients: [PRESCRIBERS]
                """))).hasMessageContaining("'reason'");
    }

    @Test
    void duplicateRuleIdIsRefused() {
        String one = """
                  - id: twice
                    trigger: NO_SHOW
                    recipients: [PRESCRIBERS]
                    reason: "x"
                """;
        assertThatThrownBy(() -> RuleFile.parse(ORIGIN, "version: 1\nrules:\n" + one + one))
                .hasMessageContaining("'twice' is used twice");
    }

    @Test
    void brokenYamlIsRefusedWithTheFileName() {
        assertThatThrownBy(() -> RuleFile.parse(ORIGIN, "version: 1\nrules: [ {id: x"))
                .isInstanceOf(InvalidRulesException.class).hasMessageContaining(ORIGIN);
    }
}
