package fr.passerelle.hub.directory;

import fr.passerelle.hub.canonical.Barrier;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The mapping tables of {@code directory/mapping-tables.yaml}: the kind of a structure from its data·inclusion
 * {@code reseaux_porteurs}, the ages a service takes from its {@code publics}, the thématiques that answer each of
 * our barriers. Every value is checked against the
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
    private final Map<Barrier, List<String>> barriers;

    @Autowired
    DirectoryMappings(DirectoryProperties properties, ResourceLoader resources, DataInclusionSchema schema) {
        this(properties.mappingTables(), DirectoryFiles.text(resources, properties.mappingTables()), schema);
    }

    DirectoryMappings(String origin, String yaml, DataInclusionSchema schema) {
        Map<String, Object> root = YamlTables.load(origin, yaml);
        YamlTables.onlyKeys(origin, "the file", root, Set.of("kinds", "default-kind", "age-bands", "barriers"));
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
        Set<String> thematiques = schema.values(DataInclusionResource.SERVICE, "Thematique");
        barriers = new EnumMap<>(Barrier.class);
        YamlTables.map(origin, "barriers", root.get("barriers")).forEach((code, values) -> {
            Barrier barrier;
            try {
                barrier = Barrier.valueOf(code);
            } catch (IllegalArgumentException e) {
                throw new InvalidDirectoryException(origin, "barriers: '" + code + "' is not one of "
                        + List.of(Barrier.values()));
            }
            List<String> answers = YamlTables.strings(origin, "barriers." + code, values);
            for (String thematique : answers) {
                if (!thematiques.contains(thematique)
                        && thematiques.stream().noneMatch(value -> value.startsWith(thematique + "--"))) {
                    throw new InvalidDirectoryException(origin, "barriers." + code + ": '" + thematique
                            + "' is neither a thématique nor a category of the data·inclusion schema");
                }
            }
            barriers.put(barrier, List.copyOf(answers));
        });
    }

    /** Whether one of the service's thématiques answers the barrier (its value, or its category, is in the table). */
    boolean answers(Barrier barrier, List<String> serviceThematiques) {
        List<String> answers = barriers.getOrDefault(barrier, List.of());
        return serviceThematiques.stream().anyMatch(thematique -> answers.contains(thematique)
                || answers.contains(thematique.substring(0, Math.max(0, thematique.indexOf("--")))));
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
