package fr.passerelle.hub.beneficiary;

import fr.passerelle.hub.canonical.Address;
import fr.passerelle.hub.canonical.Barrier;
import fr.passerelle.hub.canonical.Consent;
import fr.passerelle.hub.canonical.Contact;
import fr.passerelle.hub.canonical.Identity;
import fr.passerelle.hub.canonical.PartnerIdentifier;
import fr.passerelle.hub.canonical.ReferentContact;
import fr.passerelle.hub.canonical.ReferentRole;
import fr.passerelle.hub.canonical.Situation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The shared record as the network reads it (SPEC §4.1): who the person is, how each partner knows them, how to
 * reach them, their barriers, consent and referents, and — where partners disagree — every value with its
 * provenance. The NIR itself is never part of it, only whether one is known. A merged record is a tombstone whose
 * {@code mergedInto} names the record that absorbed it.
 */
public record BeneficiaryRecord(UUID id, String status, UUID mergedInto, Identity identity, boolean nirKnown,
                                List<PartnerIdentifier> identifiers, Contact contact, Address address,
                                Situation situation, Set<Barrier> barriers, Consent consent, List<Referent> referents,
                                String project, Map<String, List<BestValues.SourcedValue>> conflicts,
                                Instant createdAt, Instant updatedAt) {

    public BeneficiaryRecord {
        identifiers = List.copyOf(identifiers);
        barriers = Set.copyOf(barriers);
        referents = List.copyOf(referents);
        conflicts = Map.copyOf(conflicts);
    }

    /** A referent of the person, with role and period; {@code until} is null while they follow the person. */
    public record Referent(long id, ReferentRole role, ReferentContact contact, String partnerId, Instant since,
                           Instant until) {

        public boolean active() {
            return until == null;
        }
    }

    public List<Referent> activeReferents(ReferentRole role) {
        return referents.stream().filter(referent -> referent.role() == role && referent.active()).toList();
    }
}
