package fr.passerelle.hub.handoff.rules;

import fr.passerelle.hub.canonical.Barrier;
import java.util.Map;

/**
 * What a rule may look at: the trigger and the facts of the person at that moment. No database, no Camel.
 *
 * @param outcome      PROGRAMME_COMPLETED's outcome name, else null
 * @param age          the person's age in whole years at the event, null if unknown
 * @param firstTime    REFERRAL_ACCEPTED: a new referral rather than a changed one
 * @param placeholders values for the reason text ({referralId}, {errors}…)
 */
public record RoutingFacts(Trigger trigger, Barrier barrier, String outcome, int noShowCount, Integer age,
                           boolean consentGiven, boolean registeredWithFranceTravail, boolean plieParticipant,
                           boolean firstTime, Map<String, String> placeholders) {

    public RoutingFacts {
        placeholders = Map.copyOf(placeholders);
    }
}
