package fr.passerelle.hub.directory;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A structure of the referent directory, assembled from its data·inclusion record and the local layer: who it is,
 * the network partner it belongs to (null outside the network), the territory and age band it covers.
 *
 * @param id              the hub's id for it: the local layer's key, else its data·inclusion id
 * @param dataInclusionId the data·inclusion structure it is built on
 * @param sources         for each value ({@code name}, {@code kind}, {@code email}…), where it came from:
 *                        {@code DATA_INCLUSION} or {@code LOCAL}
 */
public record Structure(String id, String dataInclusionId, String name, StructureKind kind, String partnerId,
                        String safirCode, String email, String phone, Integer ageMin, Integer ageMax,
                        List<Coverage> coverage, List<String> aliases, List<String> emailDomains,
                        Map<String, String> sources) {

    public Structure {
        coverage = List.copyOf(coverage);
        aliases = List.copyOf(aliases);
        emailDomains = List.copyOf(emailDomains);
        sources = Map.copyOf(sources);
    }

    /** The most precise of its areas covering one of the communes the person may live in. */
    public Optional<Coverage> coverageOf(Whereabouts where) {
        return coverage.stream()
                .filter(area -> where.candidates().stream().anyMatch(area::covers))
                .min(Comparator.comparing(Coverage::area));
    }

    /** An unknown age fits only a structure without an age band. */
    public boolean acceptsAge(Integer age) {
        if (ageMin == null && ageMax == null) {
            return true;
        }
        if (age == null) {
            return false;
        }
        return (ageMin == null || age >= ageMin) && (ageMax == null || age <= ageMax);
    }

    public boolean inNetwork() {
        return partnerId != null;
    }
}
