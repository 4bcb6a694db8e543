package fr.passerelle.hub.handoff.rules;

/** The rules file is unusable; the message names the file, the rule and the problem. Stops start-up. */
public class InvalidRulesException extends RuntimeException {

    public InvalidRulesException(String origin, String problem) {
        super("Handoff rules " + origin + ": " + problem);
    }
}
