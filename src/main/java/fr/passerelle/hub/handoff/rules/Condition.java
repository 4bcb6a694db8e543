package fr.passerelle.hub.handoff.rules;

import fr.passerelle.hub.canonical.Barrier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Conditions of a rule ({@code when}) or of a recipient choice ({@code if}); all must hold. The keys are the
 * vocabulary of the rules file, checked when it is loaded.
 */
record Condition(Set<Barrier> barriers, Set<String> outcomes, Integer noShowCount, Boolean firstTime,
                        Integer ageUnder, Integer ageAtLeast, Boolean registeredWithFranceTravail,
                        Boolean plieParticipant, Boolean consent) {

    public static final Condition ALWAYS = new Condition(null, null, null, null, null, null, null, null, null);

    static final Set<String> KEYS = Set.of("barrier", "outcome", "noShowCount", "firstTime", "ageUnder", "ageAtLeast",
            "registeredWithFranceTravail", "plieParticipant", "consent");

    public boolean test(RoutingFacts facts) {
        return (barriers == null || (facts.barrier() != null && barriers.contains(facts.barrier())))
                && (outcomes == null || (facts.outcome() != null && outcomes.contains(facts.outcome())))
                && (noShowCount == null || facts.noShowCount() == noShowCount)
                && (firstTime == null || facts.firstTime() == firstTime)
                && (ageUnder == null || (facts.age() != null && facts.age() < ageUnder))
                && (ageAtLeast == null || (facts.age() != null && facts.age() >= ageAtLeast))
                && (registeredWithFranceTravail == null || facts.registeredWithFranceTravail() == registeredWithFranceTravail)
                && (plieParticipant == null || facts.plieParticipant() == plieParticipant)
                && (consent == null || facts.consentGiven() == consent);
    }

    /** The condition in words, for the routing decision's explanation. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("frein parmi", barriers);
        values.put("issue parmi", outcomes);
        values.put("nombre d'absences =", noShowCount);
        values.put("première réception =", firstTime);
        values.put("âge <", ageUnder);
        values.put("âge ≥", ageAtLeast);
        values.put("inscrit à France Travail =", registeredWithFranceTravail);
        values.put("participant PLIE =", plieParticipant);
        values.put("consentement =", consent);
        values.forEach((label, value) -> {
            if (value != null) {
                parts.add(label + " " + value);
            }
        });
        return parts.isEmpty() ? "toujours" : String.join(" et ", parts);
    }
}
