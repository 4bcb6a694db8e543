package fr.passerelle.hub.referral;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.canonical.FieldIssue;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A referral as its sender reads it back (SPEC §4.1). {@code normalized} never holds the NIR. */
public record ReferralView(UUID referralId, String partner, String channel, String reference, ReferralStatus status,
                           UUID beneficiaryId, Instant receivedAt, Instant updatedAt, int revision,
                           boolean nirProvided, List<FieldIssue> warnings, List<StatusChange> history,
                           JsonNode normalized) {

    public record StatusChange(ReferralStatus status, Instant at, String detail) {
    }
}
