package fr.passerelle.hub.intake;

import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.referral.ReferralStatus;
import java.util.List;
import java.util.UUID;

/**
 * @param created true when this is the first time the partner sent this record key
 * @param changed true when the content differs from what was stored (a new revision)
 */
public record IntakeResult(UUID referralId, ReferralStatus status, boolean created, boolean changed,
                           UUID beneficiaryId, List<FieldIssue> warnings) {

    public IntakeResult {
        warnings = List.copyOf(warnings);
    }
}
