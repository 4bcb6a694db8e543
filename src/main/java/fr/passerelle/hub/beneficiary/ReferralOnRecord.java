package fr.passerelle.hub.beneficiary;

import fr.passerelle.hub.referral.ReferralAccepted;

/**
 * A referral accepted, with the shared record it is attached to as it stands in that transaction: published right
 * after {@link ReferralAccepted}, inside the same transaction, so that the modules reacting to a referral (the
 * directory's referents, the handoff rules) read the record once between them instead of once each — five
 * statements and the recomputation of its values per reader and per referral of a file.
 *
 * @param record null when the referral is attached to no record
 */
public record ReferralOnRecord(ReferralAccepted referral, BeneficiaryRecord record) {
}
