package fr.passerelle.hub.identity;

import java.util.Set;
import java.util.UUID;

/**
 * Published inside the accepting transaction when a referral from one partner is recognised as a person another
 * partner already refers (SPEC §5: both prescribers are told).
 *
 * @param otherPartners the partners that already held the person before this referral
 * @param how           the rule that matched (NIR, FRANCE_TRAVAIL_ID, …), for the routing decision's "why"
 */
public record BeneficiaryMatched(UUID beneficiaryId, UUID referralId, String partnerId, Set<String> otherPartners,
                                 String how) {

    public BeneficiaryMatched {
        otherPartners = Set.copyOf(otherPartners);
    }
}
