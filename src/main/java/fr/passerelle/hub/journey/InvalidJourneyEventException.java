package fr.passerelle.hub.journey;

import fr.passerelle.hub.canonical.FieldIssue;
import java.util.List;

/** The event itself is malformed (400): every field error at once. */
public class InvalidJourneyEventException extends RuntimeException {

    private final List<FieldIssue> errors;

    public InvalidJourneyEventException(List<FieldIssue> errors) {
        super(errors.size() + " invalid field(s)");
        this.errors = List.copyOf(errors);
    }

    public List<FieldIssue> errors() {
        return errors;
    }
}
