package fr.passerelle.hub.beneficiary;

import fr.passerelle.hub.canonical.CanonicalReferral;
import java.time.Instant;
import java.util.UUID;

/** A referral's content with where and when it came from: the provenance of every value of the shared record. */
public record SourcedReferral(UUID referralId, String partnerId, Instant receivedAt, CanonicalReferral content) {
}
