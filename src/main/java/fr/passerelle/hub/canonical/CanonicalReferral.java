package fr.passerelle.hub.canonical;

import fr.passerelle.hub.canonical.Address;
import fr.passerelle.hub.canonical.Barrier;
import fr.passerelle.hub.canonical.Consent;
import fr.passerelle.hub.canonical.Contact;
import fr.passerelle.hub.canonical.Identity;
import fr.passerelle.hub.canonical.ReferentContact;
import fr.passerelle.hub.canonical.Situation;
import java.time.LocalDate;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * A referral after mapping and normalization, whatever the partner's dialect: the one shape the rest of the hub
 * works with.
 */
public record CanonicalReferral(
        String recordKey,
        String programme,
        Identity identity,
        String franceTravailId,
        Contact contact,
        Address address,
        Situation situation,
        Set<Barrier> barriers,
        String project,
        ReferentContact prescriber,
        ReferentContact socialWorker,
        ReferentContact employmentCounselor,
        Consent consent,
        LocalDate referralDate) {

    public CanonicalReferral {
        // Enum order, so that the serialized form (and its digest) is the same on every run.
        barriers = barriers == null || barriers.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Barrier.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(barriers));
    }

    public CanonicalReferral withIdentity(Identity other) {
        return new CanonicalReferral(recordKey, programme, other, franceTravailId, contact, address, situation, barriers,
                project, prescriber, socialWorker, employmentCounselor, consent, referralDate);
    }

    /** The contact channel SPEC §3 requires: the person, or their prescriber. */
    public boolean reachable() {
        return !contact.empty()
                || (address != null && address.line() != null && address.postalCode() != null)
                || (prescriber != null && prescriber.reachable());
    }
}
