package fr.passerelle.hub.journey;

import fr.passerelle.hub.identity.BeneficiariesMerged;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merge must not leave part of a person's journey on the absorbed record: its events move to the survivor, in the
 * merge's transaction, and come back exactly when the merge is undone.
 */
@Component
class JourneyMerges {

    private final JdbcClient jdbc;

    JourneyMerges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(BeneficiariesMerged merge) {
        if (merge.undone()) {
            jdbc.sql("""
                            update journey_event set beneficiary_id = merged_from, merged_from = null
                            where beneficiary_id = :survivor and merged_from = :absorbed
                            """)
                    .param("survivor", merge.survivorId()).param("absorbed", merge.absorbedId()).update();
        } else {
            jdbc.sql("""
                            update journey_event set merged_from = beneficiary_id, beneficiary_id = :survivor
                            where beneficiary_id = :absorbed
                            """)
                    .param("survivor", merge.survivorId()).param("absorbed", merge.absorbedId()).update();
        }
    }
}
