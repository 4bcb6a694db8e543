package fr.passerelle.hub.directory;

import fr.passerelle.hub.beneficiary.BeneficiaryRecord;
import fr.passerelle.hub.beneficiary.ReferralOnRecord;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Feeds the directory with the professionals referrals name (prescribers, social workers, counselors), in the
 * accepting transaction, so the directory knows everyone a handoff may be for.
 */
@Component
class ReferralReferents {

    private final ReferentDirectory directory;

    public ReferralReferents(ReferentDirectory directory) {
        this.directory = directory;
    }

    @EventListener
    @Order(0)
    public void on(ReferralOnRecord accepted) {
        BeneficiaryRecord record = accepted.record();
        if (record != null) {
            // Always in the same order (by e-mail): two referrals naming the same professionals, accepted at the
            // same moment, then wait for each other instead of deadlocking.
            List<BeneficiaryRecord.Referent> referents = record.referents().stream()
                    .filter(referent -> referent.contact().email() != null)
                    .sorted(Comparator.comparing(referent -> referent.contact().email().toLowerCase(Locale.ROOT)))
                    .toList();
            for (BeneficiaryRecord.Referent referent : referents) {
                var contact = referent.contact();
                String structureId = directory.structureOf(contact.structure(), contact.email())
                        .map(Structure::id).orElse(null);
                directory.saveReferent(structureId, referent.role().name(), contact.firstName(), contact.lastName(),
                        contact.email(), contact.phone(), "REFERRAL");
            }
        }
    }
}
