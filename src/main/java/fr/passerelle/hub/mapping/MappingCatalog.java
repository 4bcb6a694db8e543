package fr.passerelle.hub.mapping;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Every mapping file, read and checked at start-up: a broken one stops the hub with a message naming it, rather
 * than failing on the first file a partner sends.
 */
@Component
public class MappingCatalog {

    private static final Logger log = LoggerFactory.getLogger(MappingCatalog.class);

    private final Map<String, MappingDefinition> mappings;

    public MappingCatalog(MappingProperties properties) throws IOException {
        this.mappings = Map.copyOf(load(properties.location()));
        log.info("Loaded {} partner mappings from {}: {}", mappings.size(), properties.location(), mappings.keySet());
    }

    /** @param locations one folder, or several separated by commas (a deployment's own partners next to ours) */
    static Map<String, MappingDefinition> load(String locations) throws IOException {
        Map<String, MappingDefinition> loaded = new TreeMap<>();
        for (String location : locations.split(",")) {
            loadFolder(location.strip(), loaded);
        }
        return loaded;
    }

    private static void loadFolder(String location, Map<String, MappingDefinition> loaded) throws IOException {
        String base = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        Resource[] resources = new PathMatchingResourcePatternResolver().getResources(base + "/*/*.yaml");
        for (Resource resource : resources) {
            String path = resource.getURL().getPath();
            String[] parts = path.split("/");
            String fileName = parts[parts.length - 1];
            String partner = parts[parts.length - 2];
            String origin = "mappings/" + partner + "/" + fileName;
            String yaml = resource.getContentAsString(StandardCharsets.UTF_8);
            MappingDefinition mapping = MappingParser.parse(origin, partner, fileName, yaml);
            if (loaded.putIfAbsent(mapping.id(), mapping) != null) {
                throw new InvalidMappingException(origin, "mapping " + mapping.id() + " is defined twice");
            }
        }
    }

    public Optional<MappingDefinition> find(String id) {
        return Optional.ofNullable(mappings.get(id));
    }

    public MappingDefinition get(String id) {
        return find(id).orElseThrow(() -> new IllegalStateException("No mapping '" + id + "' (known: "
                + mappings.keySet() + ")"));
    }

    public Collection<MappingDefinition> all() {
        return mappings.values();
    }
}
