package fr.passerelle.hub.beneficiary;

import fr.passerelle.hub.canonical.IdentifierKind;
import fr.passerelle.hub.canonical.PartnerIdentifier;

import fr.passerelle.hub.partner.Partner;

/**
 * How a partner's record key becomes an identifier of the person: a Mission Locale dossier, a PLIE participant
 * number, an association reference, or — for France Travail, whose record key is the job-seeker id — the France
 * Travail id, which every partner may also carry.
 */
public final class RecordKeys {

    public static final String FRANCE_TRAVAIL_ISSUER = "france-travail";

    private RecordKeys() {
    }

    public static PartnerIdentifier of(Partner partner, String recordKey) {
        IdentifierKind kind = switch (partner.kind()) {
            case MISSION_LOCALE -> IdentifierKind.MISSION_LOCALE_DOSSIER;
            case PLIE -> IdentifierKind.PLIE_PARTICIPANT;
            case ASSOCIATION -> IdentifierKind.ASSOCIATION_REFERENCE;
            case FRANCE_TRAVAIL -> IdentifierKind.FRANCE_TRAVAIL_ID;
            default -> IdentifierKind.PARTNER_RECORD;
        };
        return new PartnerIdentifier(kind, kind == IdentifierKind.FRANCE_TRAVAIL_ID ? FRANCE_TRAVAIL_ISSUER : partner.id(),
                recordKey);
    }

    public static PartnerIdentifier franceTravailId(String id) {
        return new PartnerIdentifier(IdentifierKind.FRANCE_TRAVAIL_ID, FRANCE_TRAVAIL_ISSUER, id);
    }
}
