package fr.passerelle.hub.directory;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** Strict reading of the directory's YAML files: a wrong shape or an unknown key names the file and the entry. */
final class YamlTables {

    private YamlTables() {
    }

    static Map<String, Object> load(String origin, String yaml) {
        try {
            return map(origin, "the file", new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml));
        } catch (YAMLException e) {
            throw new InvalidDirectoryException(origin, "unreadable YAML: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String origin, String what, Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidDirectoryException(origin, what + " must be a mapping");
        }
        return (Map<String, Object>) map;
    }

    static List<?> list(String origin, String what, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidDirectoryException(origin, what + " must be a list");
        }
        return list;
    }

    static List<String> strings(String origin, String what, Object value) {
        return list(origin, what, value).stream().map(item -> text(origin, what, item)).toList();
    }

    static String text(String origin, String what, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            throw new InvalidDirectoryException(origin, what + " must be a single value");
        }
        return value.toString();
    }

    static Integer integer(String origin, String what, Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer number) || number < 0 || number > 120) {
            throw new InvalidDirectoryException(origin, what + " must be an age (0–120)");
        }
        return number;
    }

    static void onlyKeys(String origin, String what, Map<String, Object> map, Set<String> allowed) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidDirectoryException(origin, what + ": unknown key '" + key + "' (expected one of "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }
}
