package fr.passerelle.hub.directory;

/** A structure found covering a person's commune, with the area and the service that say so. */
public record Covering(Structure structure, Coverage coverage, Whereabouts where) {

    /** French, for the handoff's explanation: what covers what, and from which source. */
    public String explanation() {
        String area = switch (coverage.area()) {
            case COMMUNE -> "la commune " + coverage.code();
            case EPCI -> "l'EPCI " + coverage.code();
            case DEPARTEMENT -> "le département " + coverage.code();
            case FRANCE -> "toute la France";
        };
        String by = coverage.serviceId().isEmpty()
                ? (coverage.source().equals("LOCAL") ? " (configuration locale)" : " (adresse de la structure)")
                : " (service data·inclusion " + coverage.serviceId() + ")";
        return "couvre " + where.describe() + ", par " + area + by;
    }
}
