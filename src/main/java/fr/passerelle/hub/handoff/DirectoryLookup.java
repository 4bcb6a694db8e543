package fr.passerelle.hub.handoff;

import fr.passerelle.hub.beneficiary.BeneficiaryRecord;
import fr.passerelle.hub.canonical.Address;
import fr.passerelle.hub.canonical.Barrier;
import fr.passerelle.hub.canonical.IdentifierKind;
import fr.passerelle.hub.canonical.PartnerIdentifier;
import fr.passerelle.hub.canonical.ReferentContact;
import fr.passerelle.hub.canonical.ReferentRole;
import fr.passerelle.hub.directory.Covering;
import fr.passerelle.hub.directory.DirectoryReferent;
import fr.passerelle.hub.directory.NearbyService;
import fr.passerelle.hub.directory.NearbyServices;
import fr.passerelle.hub.directory.ReferentDirectory;
import fr.passerelle.hub.directory.Structure;
import fr.passerelle.hub.directory.StructureKind;
import fr.passerelle.hub.handoff.rules.Recipient;
import fr.passerelle.hub.handoff.rules.RecipientResolver;
import fr.passerelle.hub.handoff.rules.RecipientKind;
import fr.passerelle.hub.partner.Channel;
import fr.passerelle.hub.partner.Partner;
import fr.passerelle.hub.partner.PartnerKind;
import fr.passerelle.hub.partner.PartnerRegistry;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Looks the recipients of handoffs up: turns the rules' recipient kinds ({@link RecipientResolver}) into people and
 * structures, from the shared record (referents of record) and the referent directory (who covers the commune and
 * the age), each with the channel that reaches them.
 */
@Component
public class DirectoryLookup {

    /** At most this many services are listed in a barrier's handoff. */
    static final int NEARBY_SERVICES = 10;

    private final ReferentDirectory directory;
    private final NearbyServices nearby;
    private final PartnerRegistry partners;

    public DirectoryLookup(ReferentDirectory directory, NearbyServices nearby, PartnerRegistry partners) {
        this.directory = directory;
        this.nearby = nearby;
        this.partners = partners;
    }

    /**
     * @param record         the person, null when the trigger has none (a rejected file record)
     * @param sendingPartner the partner whose referral or file triggered the routing, null for journey events
     */
    public RecipientResolver resolver(BeneficiaryRecord record, String sendingPartner, LocalDate on) {
        return (kind, facts) -> find(kind, record, sendingPartner, on);
    }

    /** The territory coordinators covering the person's commune: whom a refused or unanswered handoff goes to. */
    public List<Recipient> territoryCoordinators(BeneficiaryRecord record) {
        if (record == null) {
            return List.of();
        }
        return coordinators(record.address());
    }

    /**
     * The data·inclusion services covering the person's commune and taking their age whose thématiques answer the
     * barrier (directory/mapping-tables.yaml), the most precisely covering first: what a barrier's handoff lists.
     */
    public List<Map<String, Object>> nearbyServices(BeneficiaryRecord record, Barrier barrier, LocalDate on) {
        if (record == null || record.address() == null || barrier == null) {
            return List.of();
        }
        Address address = record.address();
        List<Map<String, Object>> listed = new ArrayList<>();
        for (NearbyService service : nearby.answering(barrier, address.postalCode(), address.commune(),
                address.inseeCode(), age(record, on), NEARBY_SERVICES)) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("serviceId", service.serviceId());
            entry.put("name", service.name());
            entry.put("structure", service.structureName());
            entry.put("thematiques", service.thematiques());
            if (!service.modesMobilisation().isEmpty()) {
                entry.put("modesMobilisation", service.modesMobilisation());
            }
            if (service.email() != null) {
                entry.put("email", service.email());
            }
            if (service.phone() != null) {
                entry.put("phone", service.phone());
            }
            entry.put("covers", service.area().name());
            listed.add(entry);
        }
        return listed;
    }

    public static Integer age(BeneficiaryRecord record, LocalDate on) {
        if (record == null || record.identity().birthDate() == null) {
            return null;
        }
        return Period.between(record.identity().birthDate(), on).getYears();
    }

    public boolean registeredWithFranceTravail(BeneficiaryRecord record) {
        return record.identifiers().stream().anyMatch(id -> id.kind() == IdentifierKind.FRANCE_TRAVAIL_ID)
                || !franceTravailCounselors(record).isEmpty();
    }

    public boolean plieParticipant(BeneficiaryRecord record) {
        return !pliePartners(record).isEmpty() || !referentsOfStructureKind(record, StructureKind.PLIE).isEmpty();
    }

    private List<Recipient> find(RecipientKind kind, BeneficiaryRecord record, String sendingPartner, LocalDate on) {
        if (kind == RecipientKind.SENDING_PARTNER) {
            return sendingPartner == null ? List.of() : partnerRecipient(sendingPartner).stream().toList();
        }
        if (record == null) {
            return List.of();
        }
        Address address = record.address();
        Integer age = age(record, on);
        switch (kind) {
            case PRESCRIBER_OF_REFERRAL: {
                List<Recipient> prescribers = record.activeReferents(ReferentRole.PRESCRIBER).stream()
                        .filter(referent -> sendingPartner == null || sendingPartner.equals(referent.partnerId()))
                        .map(referent -> referentRecipient(referent, "prescripteur de l'orientation"))
                        .flatMap(Optional::stream).toList();
                return prescribers.isEmpty() && sendingPartner != null
                        ? partnerRecipient(sendingPartner).stream().toList() : prescribers;
            }
            case PRESCRIBERS:
                return referents(record, ReferentRole.PRESCRIBER, "prescripteur de la personne");
            case EMPLOYMENT_COUNSELOR:
                return referents(record, ReferentRole.EMPLOYMENT_COUNSELOR, "conseiller emploi de la personne");
            case SOCIAL_WORKER:
                return referents(record, ReferentRole.SOCIAL_WORKER, "travailleur social de la personne");
            case PROGRAMME_REFERENT: {
                List<Recipient> referents = referents(record, ReferentRole.PROGRAMME_REFERENT,
                        "référent du programme");
                if (!referents.isEmpty()) {
                    return referents;
                }
                return partners.all().stream().filter(partner -> partner.kind() == PartnerKind.PROGRAMME)
                        .map(partner -> partnerRecipient(partner.id())).flatMap(Optional::stream).toList();
            }
            case SOCIAL_SERVICE_COVERING_COMMUNE:
                return covering(StructureKind.SOCIAL_SERVICE, address, age);
            case MISSION_LOCALE_COVERING_COMMUNE:
                return covering(StructureKind.MISSION_LOCALE, address, age);
            case FRANCE_TRAVAIL_AGENCY_COVERING_COMMUNE:
                return covering(StructureKind.FRANCE_TRAVAIL, address, age);
            case FRANCE_TRAVAIL_COUNSELOR:
                return franceTravailCounselors(record);
            case PLIE_REFERENT: {
                List<Recipient> referents = referentsOfStructureKind(record, StructureKind.PLIE);
                if (!referents.isEmpty()) {
                    return referents;
                }
                return pliePartners(record).stream()
                        .flatMap(partnerId -> directory.ofPartner(partnerId, StructureKind.PLIE).stream())
                        .map(structure -> structureRecipient(structure, "structure PLIE dont la personne est participante"))
                        .flatMap(Optional::stream).limit(1).toList();
            }
            case TERRITORY_COORDINATOR:
                return coordinators(address);
            default:
                return List.of();
        }
    }

    private List<Recipient> referents(BeneficiaryRecord record, ReferentRole role, String how) {
        return record.activeReferents(role).stream().map(referent -> referentRecipient(referent, how))
                .flatMap(Optional::stream).toList();
    }

    private List<Recipient> franceTravailCounselors(BeneficiaryRecord record) {
        return record.activeReferents(ReferentRole.EMPLOYMENT_COUNSELOR).stream()
                .filter(referent -> structureOf(referent).map(s -> s.kind() == StructureKind.FRANCE_TRAVAIL).orElse(false))
                .map(referent -> referentRecipient(referent, "conseiller France Travail de la personne"))
                .flatMap(Optional::stream).toList();
    }

    private List<Recipient> referentsOfStructureKind(BeneficiaryRecord record, StructureKind kind) {
        return record.referents().stream().filter(BeneficiaryRecord.Referent::active)
                .filter(referent -> structureOf(referent).map(s -> s.kind() == kind).orElse(false))
                .map(referent -> referentRecipient(referent, "référent " + kind + " de la personne"))
                .flatMap(Optional::stream).toList();
    }

    private List<String> pliePartners(BeneficiaryRecord record) {
        return record.identifiers().stream().filter(id -> id.kind() == IdentifierKind.PLIE_PARTICIPANT)
                .map(PartnerIdentifier::issuer).distinct().toList();
    }

    private List<Recipient> covering(StructureKind kind, Address address, Integer age) {
        return coveringStructures(kind, address, age).stream().limit(1)
                .map(covering -> structureRecipient(covering.structure(), covering.explanation()
                        + (covering.structure().ageMin() != null || covering.structure().ageMax() != null
                        ? ", et l'âge de la personne (" + age + " ans)" : "")))
                .flatMap(Optional::stream).toList();
    }

    private List<Covering> coveringStructures(StructureKind kind, Address address, Integer age) {
        if (address == null) {
            return List.of();
        }
        return directory.covering(kind, address.postalCode(), address.commune(), address.inseeCode(), age);
    }

    private List<Recipient> coordinators(Address address) {
        List<Recipient> recipients = new ArrayList<>();
        for (Covering covering : coveringStructures(StructureKind.TERRITORY_COORDINATION, address, null)) {
            Structure structure = covering.structure();
            List<DirectoryReferent> people = directory.referents(structure.id(), "TERRITORY_COORDINATOR");
            if (people.isEmpty()) {
                structureRecipient(structure, "coordination couvrant la commune").ifPresent(recipients::add);
            }
            for (DirectoryReferent person : people) {
                recipients.add(new Recipient("referent:" + person.email().toLowerCase(Locale.ROOT),
                        "TERRITORY_COORDINATOR", person.displayName(), person.email(), structure.id(), structure.name(),
                        structure.partnerId(), channelFor(structure.partnerId(), person.email()),
                        "coordinateur territorial " + person.displayName() + ", " + structure.name()));
            }
            if (!recipients.isEmpty()) {
                break;
            }
        }
        return recipients;
    }

    private Optional<Structure> structureOf(BeneficiaryRecord.Referent referent) {
        ReferentContact contact = referent.contact();
        return directory.structureOf(contact.structure(), contact.email());
    }

    private Optional<Recipient> referentRecipient(BeneficiaryRecord.Referent referent, String how) {
        ReferentContact contact = referent.contact();
        Optional<Structure> structure = structureOf(referent);
        String partnerId = structure.map(Structure::partnerId).orElse(null);
        if (structure.isEmpty() && (referent.role() == ReferentRole.PRESCRIBER
                || referent.role() == ReferentRole.PROGRAMME_REFERENT)) {
            // A prescriber or programme referent works for the partner that named them.
            partnerId = referent.partnerId();
        }
        Channel channel = channelFor(partnerId, contact.email());
        if (channel == null) {
            return Optional.empty();
        }
        String name = ((contact.firstName() == null ? "" : contact.firstName() + " ")
                + (contact.lastName() == null ? "" : contact.lastName())).trim();
        String structureName = structure.map(Structure::name).orElse(contact.structure());
        String key = contact.email() != null ? "referent:" + contact.email().toLowerCase(Locale.ROOT)
                : "referent:" + partnerId + ":" + name.toLowerCase(Locale.ROOT);
        return Optional.of(new Recipient(key, referent.role().name(), name.isEmpty() ? null : name, contact.email(),
                structure.map(Structure::id).orElse(null), structureName, partnerId, channel,
                how + " " + (name.isEmpty() ? "(sans nom)" : name) + (structureName == null ? "" : ", " + structureName)
                        + (partnerId == null ? "" : " (partenaire " + partnerId + ")") + ", canal " + channel));
    }

    private Optional<Recipient> structureRecipient(Structure structure, String how) {
        Channel channel = channelFor(structure.partnerId(), structure.email());
        if (channel == null) {
            return Optional.empty();
        }
        return Optional.of(new Recipient("structure:" + structure.id(), structure.kind().name(), structure.name(),
                structure.email(), structure.id(), structure.name(), structure.partnerId(), channel,
                structure.name() + " " + how + (structure.partnerId() == null ? "" : " (partenaire "
                        + structure.partnerId() + ")") + ", canal " + channel));
    }

    private Optional<Recipient> partnerRecipient(String partnerId) {
        Optional<Partner> partner = partners.find(partnerId);
        if (partner.isEmpty()) {
            return Optional.empty();
        }
        Optional<Structure> structure = directory.structures().stream()
                .filter(s -> partnerId.equals(s.partnerId())).findFirst();
        Channel channel = channelFor(partnerId, structure.map(Structure::email).orElse(null));
        if (channel == null) {
            return Optional.empty();
        }
        return Optional.of(new Recipient("partner:" + partnerId, partner.get().kind().name(), partner.get().name(),
                structure.map(Structure::email).orElse(null), structure.map(Structure::id).orElse(null),
                partner.get().name(), partnerId, channel, "partenaire " + partnerId + ", canal " + channel));
    }

    /** A network partner is reached by its outbound channel; anyone else by e-mail, if we have an address. */
    private Channel channelFor(String partnerId, String email) {
        if (partnerId != null) {
            Channel outbound = partners.find(partnerId).map(Partner::outbound).orElse(null);
            if (outbound != null) {
                return outbound;
            }
        }
        return email == null ? null : Channel.EMAIL;
    }
}
