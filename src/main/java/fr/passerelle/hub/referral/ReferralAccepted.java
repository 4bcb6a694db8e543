package fr.passerelle.hub.referral;

import java.util.UUID;

/**
 * Published inside the transaction that accepts a referral (first time or new revision), so that listeners can
 * write their own rows (e.g. handoffs in an outbox) atomically with it.
 *
 * @param firstTime true for a new referral, false for a changed revision of a known one
 */
public record ReferralAccepted(UUID referralId, String partnerId, String channel, UUID beneficiaryId,
                               boolean firstTime) {
}
