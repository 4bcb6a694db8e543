package fr.passerelle.hub.directory;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the referent directory comes from ({@code classpath:} or {@code file:} locations), see docs/directory.md.
 *
 * @param structures    data·inclusion structure files (JSON or CSV, as published) imported at start-up
 * @param services      data·inclusion service files imported at start-up, after the structures
 * @param local         the local layer: what data·inclusion does not say about the network's structures
 * @param mappingTables reseaux_porteurs → kind of structure, publics → ages
 * @param communes      the communes table (COG): postal code and name → INSEE code, EPCI, département
 * @param referralEntryPoint where prescribers refer a person to the programme: the {@code lien_mobilisation} of the
 *                      programme's services as the hub publishes them
 */
@ConfigurationProperties("passerelle.handoffs.directory")
record DirectoryProperties(List<String> structures, List<String> services, String local, String mappingTables,
                           String communes, String referralEntryPoint) {

    public DirectoryProperties {
        structures = structures == null ? List.of("classpath:directory/data-inclusion/essonne-structures.json")
                : List.copyOf(structures);
        services = services == null ? List.of("classpath:directory/data-inclusion/essonne-services.json")
                : List.copyOf(services);
        local = local == null ? "classpath:directory/local-essonne.yaml" : local;
        mappingTables = mappingTables == null ? "classpath:directory/mapping-tables.yaml" : mappingTables;
        communes = communes == null ? "classpath:directory/communes-essonne.csv" : communes;
        referralEntryPoint = referralEntryPoint == null ? "http://localhost:8080/api/v1/referrals" : referralEntryPoint;
    }
}
