package fr.passerelle.hub.identity;

import fr.passerelle.hub.beneficiary.BeneficiaryStore;
import fr.passerelle.hub.beneficiary.RecordKeys;
import fr.passerelle.hub.beneficiary.PartnerIdentifier;
import fr.passerelle.hub.beneficiary.ReferentRole;
import fr.passerelle.hub.partner.Partner;
import fr.passerelle.hub.referral.CanonicalReferral;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Finds the beneficiary an accepted referral is about, or creates one. Deterministic keys only, in order of
 * certainty: the partner's own record key, the NIR, the France Travail id with the birth date. Anything weaker
 * creates a new record rather than risk mixing two people's files.
 */
@Component
public class IdentityResolver {

    private final BeneficiaryStore beneficiaries;
    private final ApplicationEventPublisher events;

    public IdentityResolver(BeneficiaryStore beneficiaries, ApplicationEventPublisher events) {
        this.beneficiaries = beneficiaries;
        this.events = events;
    }

    public UUID resolve(Partner partner, CanonicalReferral referral, UUID referralId) {
        List<PartnerIdentifier> identifiers = identifiers(partner, referral);
        Optional<UUID> match = beneficiaries.findByIdentifier(identifiers.get(0));
        String how = "PARTNER_RECORD_KEY";
        if (match.isEmpty() && referral.identity().nir() != null) {
            match = beneficiaries.findByNir(referral.identity().nir());
            how = "NIR";
        }
        if (match.isEmpty() && referral.franceTravailId() != null) {
            match = beneficiaries.findByFranceTravailId(referral.franceTravailId(), referral.identity().birthDate());
            how = "FRANCE_TRAVAIL_ID_AND_BIRTH_DATE";
        }
        UUID beneficiaryId;
        if (match.isPresent()) {
            beneficiaryId = match.get();
            List<String> partnersBefore = beneficiaries.partnersOf(beneficiaryId);
            beneficiaries.enrich(beneficiaryId, referral);
            if (!partnersBefore.isEmpty() && !partnersBefore.contains(partner.id())) {
                events.publishEvent(new BeneficiaryMatched(beneficiaryId, referralId, partner.id(),
                        Set.copyOf(partnersBefore), how));
            }
        } else {
            beneficiaryId = beneficiaries.create(referral);
        }
        beneficiaries.addIdentifiers(beneficiaryId, identifiers, referralId);
        beneficiaries.addBarriers(beneficiaryId, referral, referralId);
        beneficiaries.addReferent(beneficiaryId, ReferentRole.PRESCRIBER, referral.prescriber(), partner.id(), referralId);
        beneficiaries.addReferent(beneficiaryId, ReferentRole.SOCIAL_WORKER, referral.socialWorker(), partner.id(), referralId);
        beneficiaries.addReferent(beneficiaryId, ReferentRole.EMPLOYMENT_COUNSELOR, referral.employmentCounselor(),
                partner.id(), referralId);
        return beneficiaryId;
    }

    /** The identifiers a referral carries: the partner's record key, and the France Travail id if any. */
    static List<PartnerIdentifier> identifiers(Partner partner, CanonicalReferral referral) {
        List<PartnerIdentifier> identifiers = new ArrayList<>();
        PartnerIdentifier recordKey = RecordKeys.of(partner, referral.recordKey());
        identifiers.add(recordKey);
        if (referral.franceTravailId() != null) {
            PartnerIdentifier franceTravailId = RecordKeys.franceTravailId(referral.franceTravailId());
            if (!franceTravailId.equals(recordKey)) {
                identifiers.add(franceTravailId);
            }
        }
        return identifiers;
    }
}
