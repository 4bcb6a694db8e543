package fr.passerelle.hub.identity;

import java.util.UUID;

/**
 * Which beneficiary a referral was attached to, and why.
 *
 * @param outcome MATCHED (an existing person), NEW (nobody like them), NEW_IN_REVIEW (a new record, with a
 *                possible match waiting for an operator)
 * @param how     the rule that decided (PARTNER_RECORD_KEY, NIR, FRANCE_TRAVAIL_ID_AND_BIRTH_DATE, EMAIL_AND_FIRST_NAME,
 *                PHONE_AND_FIRST_NAME, SCORE) or NONE
 */
public record Resolution(UUID beneficiaryId, String outcome, String how, Double score) {

    /** The same decision, on the record that absorbed the chosen one meanwhile. */
    Resolution on(UUID current) {
        return current.equals(beneficiaryId) ? this : new Resolution(current, outcome, how, score);
    }
}
