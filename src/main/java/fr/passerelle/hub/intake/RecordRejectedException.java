package fr.passerelle.hub.intake;

import fr.passerelle.hub.canonical.FieldIssue;
import java.util.List;

/** A referral refused for invalid data: every field error at once, for the sender to fix in one go. */
public class RecordRejectedException extends RuntimeException {

    private final List<FieldIssue> errors;

    public RecordRejectedException(List<FieldIssue> errors) {
        super("referral rejected: " + errors.stream().map(FieldIssue::code).distinct().toList());
        this.errors = List.copyOf(errors);
    }

    public List<FieldIssue> errors() {
        return errors;
    }
}
