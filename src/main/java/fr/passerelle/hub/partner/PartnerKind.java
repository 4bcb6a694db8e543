package fr.passerelle.hub.partner;

public enum PartnerKind {
    MISSION_LOCALE, PLIE, FRANCE_TRAVAIL, ASSOCIATION, PROGRAMME, SOCIAL_SERVICE
}
