package fr.passerelle.hub.handoff.rules;

import java.util.List;

/**
 * One routing rule of the rules file.
 *
 * @param recipients      each entry hands off to the first choice that finds someone
 * @param withoutConsent  who to tell instead when consent is required and not given (null: nobody)
 */
record HandoffRule(String id, Trigger trigger, Condition when, boolean consentRequired,
                          List<RecipientEntry> recipients, String reason, Fallback withoutConsent) {

    public HandoffRule {
        recipients = List.copyOf(recipients);
    }

    /** Recipient kinds tried in order; the first whose condition holds and that finds someone wins. */
    public record RecipientEntry(List<Choice> firstOf) {

        public RecipientEntry {
            firstOf = List.copyOf(firstOf);
        }
    }

    public record Choice(RecipientKind who, Condition onlyIf) {
    }

    public record Fallback(List<RecipientEntry> recipients, String reason) {

        public Fallback {
            recipients = List.copyOf(recipients);
        }
    }
}
