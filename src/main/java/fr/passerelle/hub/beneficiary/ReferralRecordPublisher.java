package fr.passerelle.hub.beneficiary;

import fr.passerelle.hub.referral.ReferralAccepted;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Reads the record a referral was attached to once, and hands it on as {@link ReferralOnRecord}. */
@Component
class ReferralRecordPublisher {

    private final BeneficiaryRecords records;
    private final ApplicationEventPublisher events;

    ReferralRecordPublisher(BeneficiaryRecords records, ApplicationEventPublisher events) {
        this.records = records;
        this.events = events;
    }

    @EventListener
    void on(ReferralAccepted accepted) {
        BeneficiaryRecord record = accepted.beneficiaryId() == null ? null
                : records.find(accepted.beneficiaryId()).orElse(null);
        events.publishEvent(new ReferralOnRecord(accepted, record));
    }
}
