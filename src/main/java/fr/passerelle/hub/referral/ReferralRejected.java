package fr.passerelle.hub.referral;

import fr.passerelle.hub.canonical.FieldIssue;
import java.util.List;
import java.util.UUID;

/**
 * Published when a record of a partner file is rejected (a REST or SOAP caller gets its errors in the answer
 * instead). No referral exists for it; {@code rawMessageId} and {@code position} say which record it was.
 */
public record ReferralRejected(String partnerId, String channel, UUID rawMessageId, int position, String recordKey,
                               List<FieldIssue> errors) {

    public ReferralRejected {
        errors = List.copyOf(errors);
    }
}
