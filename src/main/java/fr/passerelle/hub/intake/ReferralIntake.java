package fr.passerelle.hub.intake;

import fr.passerelle.hub.canonical.CanonicalReferral;
import fr.passerelle.hub.identity.IdentityResolver;
import fr.passerelle.hub.mapping.MappedRecord;
import fr.passerelle.hub.partner.Partner;
import fr.passerelle.hub.referral.ReferralAccepted;
import fr.passerelle.hub.referral.ReferralStore;
import org.springframework.context.ApplicationEventPublisher;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts one mapped record, whatever the channel: records the referral (or its new revision) and links it to its
 * beneficiary, in one transaction. A revision that describes another person than the record it revises is refused.
 */
@Component
class ReferralIntake {

    private final ReferralStore referrals;
    private final IdentityResolver identities;
    private final ApplicationEventPublisher events;

    public ReferralIntake(ReferralStore referrals, IdentityResolver identities, ApplicationEventPublisher events) {
        this.referrals = referrals;
        this.identities = identities;
        this.events = events;
    }

    @Transactional
    public IntakeResult accept(Partner partner, String channel, UUID rawMessageId, MappedRecord record) {
        if (!record.accepted()) {
            throw new IllegalArgumentException("a rejected record cannot be accepted");
        }
        Optional<CanonicalReferral> current = referrals.current(partner.id(), record.referral().recordKey());
        if (current.isPresent() && identities.describesAnotherPerson(current.get(), record.referral())) {
            throw new RecordKeyReusedException();
        }
        ReferralStore.Recorded recorded = referrals.record(partner.id(), channel, rawMessageId, record.referral(),
                record.warnings());
        UUID beneficiaryId = null;
        if (recorded.changed()) {
            beneficiaryId = identities.resolve(partner, record.referral(), recorded.referralId()).beneficiaryId();
            events.publishEvent(new ReferralAccepted(recorded.referralId(), partner.id(), channel, beneficiaryId,
                    recorded.created()));
        }
        return new IntakeResult(recorded.referralId(), recorded.status(), recorded.created(), recorded.changed(),
                beneficiaryId, record.warnings());
    }
}
