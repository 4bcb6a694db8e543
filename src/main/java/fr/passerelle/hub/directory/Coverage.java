package fr.passerelle.hub.directory;

/**
 * One area a structure covers, and why the directory says so.
 *
 * @param serviceId the data·inclusion service whose {@code zone_eligibilite} holds the code; empty when the area is
 *                  the structure's own commune ({@code code_insee}) or comes from the local configuration
 * @param source    {@code DATA_INCLUSION_SERVICE}, {@code DATA_INCLUSION_STRUCTURE} or {@code LOCAL}
 */
public record Coverage(AreaKind area, String code, String serviceId, String source) {

    public Coverage {
        serviceId = serviceId == null ? "" : serviceId;
    }

    public boolean covers(Commune commune) {
        return switch (area) {
            case COMMUNE -> code.equals(commune.inseeCode());
            case EPCI -> code.equals(commune.epci());
            case DEPARTEMENT -> code.equals(commune.departement());
            case FRANCE -> true;
        };
    }
}
