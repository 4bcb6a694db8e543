package fr.passerelle.hub.handoff.rules;

/**
 * What one rule decided for one recipient entry: a handoff to {@code recipient} (ROUTED, or CONSENT_MISSING for
 * the fallback recipient told to ask for consent), or nobody found (NO_RECIPIENT, {@code recipient} null).
 *
 * @param reason      the text for the recipient, placeholders filled
 * @param explanation why, in words: rule, condition, choice that matched, how the recipient was found
 */
public record RoutingDecision(String ruleId, Outcome outcome, Recipient recipient, String reason, String explanation) {

    public enum Outcome {
        ROUTED, NO_RECIPIENT, CONSENT_MISSING
    }
}
