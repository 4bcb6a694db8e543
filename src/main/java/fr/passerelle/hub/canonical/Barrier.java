package fr.passerelle.hub.canonical;

/** Canonical barriers to employment ("freins"), SPEC §3. */
public enum Barrier {
    MOBILITE("Mobilité"),
    FAMILLE("Contraintes familiales"),
    SANTE("Santé"),
    LANGUE_SAVOIRS("Lecture, écriture, calcul"),
    LOGEMENT("Logement"),
    FINANCES("Difficultés financières"),
    ADMINISTRATIF_JURIDIQUE("Difficultés administratives ou juridiques"),
    NUMERIQUE("Numérique");

    private final String label;

    Barrier(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
