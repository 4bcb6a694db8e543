package fr.passerelle.hub.handoff.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the rules for one trigger, in plain Java (no database, no Camel): every matching rule, every recipient entry, one decision each, with the
 * reason in words. Consent is enforced here, not by each rule's author remembering it.
 */
public final class RuleEvaluator {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private RuleEvaluator() {
    }

    public static List<RoutingDecision> evaluate(RuleSet rules, RoutingFacts facts, RecipientResolver resolver) {
        List<RoutingDecision> decisions = new ArrayList<>();
        for (HandoffRule rule : rules.rules()) {
            if (rule.trigger() != facts.trigger() || !rule.when().test(facts)) {
                continue;
            }
            String because = "règle " + rule.id() + " (" + rule.trigger() + ", " + rule.when().describe() + ")";
            if (rule.consentRequired() && !facts.consentGiven()) {
                if (rule.withoutConsent() == null) {
                    decisions.add(new RoutingDecision(rule.id(), RoutingDecision.Outcome.NO_RECIPIENT, null, null,
                            because + " : consentement au partage absent, personne n'est prévenu"));
                    continue;
                }
                String reason = fill(rule.withoutConsent().reason(), facts.placeholders());
                route(rule.id(), rule.withoutConsent().recipients(), reason,
                        because + " : consentement au partage absent, le destinataire doit le demander",
                        RoutingDecision.Outcome.CONSENT_MISSING, facts, resolver, decisions);
                continue;
            }
            route(rule.id(), rule.recipients(), fill(rule.reason(), facts.placeholders()),
                    rule.consentRequired() ? because + ", consentement au partage donné" : because,
                    RoutingDecision.Outcome.ROUTED, facts, resolver, decisions);
        }
        return decisions;
    }

    private static void route(String ruleId, List<HandoffRule.RecipientEntry> entries, String reason, String because,
                              RoutingDecision.Outcome outcome, RoutingFacts facts, RecipientResolver resolver,
                              List<RoutingDecision> decisions) {
        Set<String> reached = new HashSet<>();
        for (HandoffRule.RecipientEntry entry : entries) {
            List<String> tried = new ArrayList<>();
            boolean found = false;
            for (HandoffRule.Choice choice : entry.firstOf()) {
                if (!choice.onlyIf().test(facts)) {
                    tried.add(choice.who().label() + " (écarté : " + choice.onlyIf().describe() + " non rempli)");
                    continue;
                }
                List<Recipient> recipients = resolver.resolve(choice.who(), facts);
                if (recipients.isEmpty()) {
                    tried.add(choice.who().label() + " (aucun connu)");
                    continue;
                }
                String condition = choice.onlyIf() == Condition.ALWAYS ? "" : " [" + choice.onlyIf().describe() + "]";
                String skipped = tried.isEmpty() ? "" : " ; avant : " + String.join(", ", tried);
                for (Recipient recipient : recipients) {
                    if (reached.add(recipient.key())) {
                        decisions.add(new RoutingDecision(ruleId, outcome, recipient, reason, because + " → "
                                + choice.who().label() + condition + " : " + recipient.found() + skipped));
                    }
                }
                found = true;
                break;
            }
            if (!found) {
                decisions.add(new RoutingDecision(ruleId, RoutingDecision.Outcome.NO_RECIPIENT, null, reason,
                        because + " → personne trouvé : " + String.join(", ", tried)));
            }
        }
    }

    static String fill(String template, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.getOrDefault(matcher.group(1), "—");
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString().replaceAll("\\s+", " ").trim();
    }
}
