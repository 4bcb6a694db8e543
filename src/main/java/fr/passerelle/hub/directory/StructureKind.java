package fr.passerelle.hub.directory;

/** What a structure of the directory does; decides which routing rules may choose it. */
public enum StructureKind {
    MISSION_LOCALE, PLIE, FRANCE_TRAVAIL, ASSOCIATION, PROGRAMME, SOCIAL_SERVICE, TERRITORY_COORDINATION
}
