package fr.passerelle.hub.canonical;

/** The identifiers partners know a person by. */
public enum IdentifierKind {
    FRANCE_TRAVAIL_ID,
    MISSION_LOCALE_DOSSIER,
    PLIE_PARTICIPANT,
    ASSOCIATION_REFERENCE,
    PARTNER_RECORD
}
