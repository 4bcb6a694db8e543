package fr.passerelle.hub.handoff.referent;

import fr.passerelle.hub.handoff.Handoff;
import fr.passerelle.hub.partner.Partner;
import fr.passerelle.hub.partner.PartnerKind;
import fr.passerelle.hub.partner.PartnerRegistry;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * On whose behalf a handoff is sent, as the referent reads it: the partner whose referral triggered it, else the
 * programme team that records the journey.
 */
@Component
public class HandoffSenders {

    private final PartnerRegistry partners;

    public HandoffSenders(PartnerRegistry partners) {
        this.partners = partners;
    }

    public String of(Handoff handoff) {
        String referring = handoff.payload().path("referral").path("partner").asText(null);
        if (referring != null) {
            return partners.find(referring).map(Partner::name).orElse(referring);
        }
        return programme().map(Partner::name).orElse("Passerelle");
    }

    /** The programme team: whom a referent calls when the page cannot say more. */
    public Optional<Partner> programme() {
        return partners.all().stream().filter(partner -> partner.kind() == PartnerKind.PROGRAMME).findFirst();
    }
}
