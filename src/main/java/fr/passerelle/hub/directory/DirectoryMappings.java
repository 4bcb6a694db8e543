package fr.passerelle.hub.directory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The mapping tables of {@code directory/mapping-tables.yaml}: the kind of a structure from its data·inclusion
 * {@code reseaux_porteurs}, the ages a service takes from its {@code publics}. Every value is checked against the
 * schema's referentials at start-up.
 */
@Component
class DirectoryMappings {

    /** The ages a service takes; null bounds are open. */
    record AgeBand(Integer min, Integer max) {
    }

    private final Map<String, StructureKind> kinds;
    private final StructureKind defaultKind;
    private final Map<String, AgeBand> ageBands;

    @Autowired
    DirectoryMappings(DirectoryProperties properties, ResourceLoader resources, DataInclusionSchema schema) {
        this(properties.mappingTables(), DirectoryFiles.text(resources, properties.mappingTables()), schema);
    }

    DirectoryMappings(String origin, String yaml, DataInclusionSchema schema) {
        Map<String, Object> root = YamlTables.load(origin, yaml);
        YamlTables.onlyKeys(origin, "the file", root, Set.of("kinds", "default-kind", "age-bands"));
        Set<String> networks = schema.values(DataInclusionResource.STRUCTURE, "ReseauPorteur");
        Set<String> publics = schema.values(DataInclusionResource.SERVICE, "Public");
        kinds = new LinkedHashMap<>();
        YamlTables.map(origin, "kinds", root.get("kinds")).forEach((network, kind) -> {
            if (!networks.contains(network)) {
                throw new InvalidDirectoryException(origin, "kinds: '" + network
                        + "' is not a reseaux_porteurs value of the data·inclusion schema");
            }
            kinds.put(network, kind(origin, "kinds." + network, kind));
        });
        defaultKind = kind(origin, "default-kind", root.get("default-kind"));
        ageBands = new LinkedHashMap<>();
        YamlTables.map(origin, "age-bands", root.get("age-bands")).forEach((audience, band) -> {
            if (!publics.contains(audience)) {
                throw new InvalidDirectoryException(origin, "age-bands: '" + audience
                        + "' is not a publics value of the data·inclusion schema");
            }
            Map<String, Object> bounds = YamlTables.map(origin, "age-bands." + audience, band);
            YamlTables.onlyKeys(origin, "age-bands." + audience, bounds, Set.of("min", "max"));
            ageBands.put(audience, new AgeBand(YamlTables.integer(origin, "age-bands." + audience + ".min",
                    bounds.get("min")), YamlTables.integer(origin, "age-bands." + audience + ".max", bounds.get("max"))));
        });
    }

    /** The first kind of the table one of the networks maps to; the default kind when none does. */
    StructureKind kindOf(List<String> reseauxPorteurs) {
        return kinds.entrySet().stream().filter(entry -> reseauxPorteurs.contains(entry.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(defaultKind);
    }

    /** The widest band of the publics when each has one; null (any age) otherwise. */
    AgeBand ageBandOf(List<String> publics) {
        if (publics.isEmpty() || !ageBands.keySet().containsAll(publics)) {
            return null;
        }
        List<AgeBand> bands = publics.stream().map(ageBands::get).toList();
        Integer min = bands.stream().anyMatch(band -> band.min() == null) ? null
                : bands.stream().mapToInt(AgeBand::min).min().orElseThrow();
        Integer max = bands.stream().anyMatch(band -> band.max() == null) ? null
                : bands.stream().mapToInt(AgeBand::max).max().orElseThrow();
        return new AgeBand(min, max);
    }

    private static StructureKind kind(String origin, String what, Object value) {
        String name = YamlTables.text(origin, what, value);
        try {
            return StructureKind.valueOf(String.valueOf(name));
        } catch (IllegalArgumentException e) {
            throw new InvalidDirectoryException(origin, what + ": '" + name + "' is not one of "
                    + List.of(StructureKind.values()));
        }
    }
}
