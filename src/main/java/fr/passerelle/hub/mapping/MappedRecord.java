package fr.passerelle.hub.mapping;

import fr.passerelle.hub.canonical.FieldIssue;

import fr.passerelle.hub.canonical.CanonicalReferral;
import java.util.List;

/**
 * One source record after mapping: a referral when it is acceptable, else the errors that reject it. Warnings
 * name optional values that were dropped.
 */
public record MappedRecord(int position, String recordKey, CanonicalReferral referral, List<FieldIssue> errors,
                           List<FieldIssue> warnings) {

    public MappedRecord {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean accepted() {
        return errors.isEmpty();
    }
}
