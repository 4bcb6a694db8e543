package fr.passerelle.hub.directory;

/**
 * The kinds of official geographic codes (INSEE's Code Officiel Géographique) a coverage is given in, the most
 * precise first: when several structures cover a person's commune, the one covering it most precisely is chosen.
 */
public enum AreaKind {
    COMMUNE, EPCI, DEPARTEMENT, FRANCE;

    /**
     * The kind of a data·inclusion {@code zone_eligibilite} code: an INSEE commune code (5 characters, Corsica
     * included), a département (2 or 3), an EPCI's SIREN (9 digits), or France ({@code france}, {@code 99100}).
     * Null for a foreign country's code, which never covers a commune of ours.
     */
    static AreaKind ofZoneCode(String code) {
        if (code.equals("france") || code.equals("99100")) {
            return FRANCE;
        }
        if (code.matches("99[0-5]\\d{2}")) {
            return null;
        }
        if (code.matches("\\d{9}")) {
            return EPCI;
        }
        if (code.matches("\\w{5}")) {
            return COMMUNE;
        }
        return code.matches("\\w{2,3}") ? DEPARTEMENT : null;
    }
}
