package fr.passerelle.hub.identity;

import java.util.List;

/**
 * How alike two descriptions of a person are: a sum of log-likelihood-style weights, each with the reason shown
 * to the operator who reviews an uncertain pair.
 */
record MatchScore(double value, List<Evidence> evidence) {

    public MatchScore {
        evidence = List.copyOf(evidence);
    }

    public record Evidence(String field, String finding, double weight) {
    }
}
