package fr.passerelle.hub.referral;

/** Where a referral stands, as partners read it (SPEC §4.1). */
public enum ReferralStatus {
    RECEIVED, ACCEPTED, REJECTED, MERGED_INTO
}
