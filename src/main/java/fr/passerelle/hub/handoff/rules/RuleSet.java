package fr.passerelle.hub.handoff.rules;

import java.util.List;

/** The loaded rules file: where it came from and its rules in file order. */
public record RuleSet(String origin, int version, List<HandoffRule> rules) {

    public RuleSet {
        rules = List.copyOf(rules);
    }
}
