package fr.passerelle.hub.mapping;

import fr.passerelle.hub.mapping.normalize.Normalizer;
import fr.passerelle.hub.mapping.normalize.Normalizers;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and checks one mapping file. Every problem names the file and what is wrong, because an operator
 * onboarding a partner fixes it from that message alone.
 */
final class MappingParser {

    private static final Set<String> TOP_LEVEL = Set.of("partner", "name", "version", "format", "charsets",
            "delimiter", "sheet", "columns", "nullValues", "recordsPath", "fields", "description");
    private static final Set<String> FIELD_KEYS = Set.of("target", "source", "normalizer", "required", "options");

    private MappingParser() {
    }

    /**
     * @param origin       the file's path relative to the mappings folder's parent, e.g.
     *                     {@code mappings/aile/association-referral.v1.yaml}
     * @param expectedPartner the folder the file sits in
     */
    public static MappingDefinition parse(String origin, String expectedPartner, String fileName, String yaml) {
        Map<String, Object> root = load(origin, yaml);
        for (String key : root.keySet()) {
            if (!TOP_LEVEL.contains(key)) {
                throw new InvalidMappingException(origin, "unknown key '" + key + "' (allowed: " + TOP_LEVEL + ")");
            }
        }
        String partner = requiredText(origin, root, "partner");
        if (!partner.equals(expectedPartner)) {
            throw new InvalidMappingException(origin, "partner '" + partner + "' does not match its folder '"
                    + expectedPartner + "'");
        }
        String name = requiredText(origin, root, "name");
        Object versionValue = root.get("version");
        if (!(versionValue instanceof Integer version) || version < 1) {
            throw new InvalidMappingException(origin, "'version' must be a positive whole number");
        }
        String expectedFile = name + ".v" + version + ".yaml";
        if (!expectedFile.equals(fileName)) {
            throw new InvalidMappingException(origin, "file must be named '" + expectedFile + "' after its name and version");
        }
        MappingFormat format = parseFormat(origin, requiredText(origin, root, "format"));
        List<Charset> charsets = charsets(origin, root.get("charsets"));
        char delimiter = delimiter(origin, root.get("delimiter"), format);
        String sheet = optionalText(root, "sheet");
        if (format == MappingFormat.XLSX && sheet == null) {
            throw new InvalidMappingException(origin, "'sheet' is required for format XLSX");
        }
        List<String> columns = stringList(origin, root.get("columns"), "columns");
        if ((format == MappingFormat.CSV || format == MappingFormat.XLSX) && columns.isEmpty()) {
            throw new InvalidMappingException(origin, "'columns' (the header of the dialect) is required for "
                    + format);
        }
        Set<String> nullValues = new LinkedHashSet<>(stringList(origin, root.get("nullValues"), "nullValues"));
        List<FieldMapping> fields = fields(origin, root.get("fields"), format, columns);
        Set<String> requiredColumns = new LinkedHashSet<>();
        fields.stream().filter(FieldMapping::required).forEach(field -> requiredColumns.add(field.sourceName()));
        if (fields.stream().noneMatch(field -> field.target() == CanonicalField.RECORD_KEY)) {
            throw new InvalidMappingException(origin, "no field targets 'recordKey' (the partner's record key)");
        }
        return new MappingDefinition(partner + "/" + name + ".v" + version, origin, partner, format, charsets,
                delimiter, sheet, columns, format == MappingFormat.JSON || format == MappingFormat.XML
                        ? Set.of() : requiredColumns,
                nullValues, optionalText(root, "recordsPath"), fields);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String origin, String yaml) {
        try {
            Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
            if (!(document instanceof Map<?, ?> map)) {
                throw new InvalidMappingException(origin, "expected a YAML mapping at the top level");
            }
            return (Map<String, Object>) map;
        } catch (YAMLException e) {
            throw new InvalidMappingException(origin, "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static List<FieldMapping> fields(String origin, Object value, MappingFormat format, List<String> columns) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidMappingException(origin, "'fields' must be a non-empty list");
        }
        List<FieldMapping> fields = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "fields[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> field)) {
                throw new InvalidMappingException(origin, where + " must be a mapping");
            }
            for (Object key : field.keySet()) {
                if (!FIELD_KEYS.contains(String.valueOf(key))) {
                    throw new InvalidMappingException(origin, where + ": unknown key '" + key + "' (allowed: "
                            + FIELD_KEYS + ")");
                }
            }
            String targetName = String.valueOf(field.get("target"));
            CanonicalField target = CanonicalField.byPath(targetName).orElseThrow(() ->
                    new InvalidMappingException(origin, where + ": unknown target '" + targetName + "'"));
            List<String> sources = stringList(origin, field.get("source"), where + ".source");
            if (sources.isEmpty()) {
                throw new InvalidMappingException(origin, where + " (" + targetName + "): 'source' is required");
            }
            if (!columns.isEmpty()) {
                for (String source : sources) {
                    if (!columns.contains(source)) {
                        throw new InvalidMappingException(origin, where + " (" + targetName + "): unknown column '"
                                + source + "' (not in 'columns')");
                    }
                }
            }
            String normalizerName = field.get("normalizer") == null ? "text" : String.valueOf(field.get("normalizer"));
            Normalizer normalizer = Normalizers.byName(normalizerName).orElseThrow(() ->
                    new InvalidMappingException(origin, where + " (" + targetName + "): unknown normalizer '"
                            + normalizerName + "' (known: " + String.join(", ", Normalizers.names().stream().sorted().toList()) + ")"));
            Map<String, Object> options = field.get("options") == null ? Map.of()
                    : stringKeys(origin, where, field.get("options"));
            try {
                normalizer.checkOptions(options);
            } catch (IllegalArgumentException e) {
                throw new InvalidMappingException(origin, where + " (" + targetName + "), normalizer '"
                        + normalizerName + "': " + e.getMessage());
            }
            Object required = field.get("required");
            if (required != null && !(required instanceof Boolean)) {
                throw new InvalidMappingException(origin, where + ": 'required' must be true or false");
            }
            fields.add(new FieldMapping(target, sources, normalizerName, Boolean.TRUE.equals(required), options));
        }
        return fields;
    }

    /** YAML reads {@code 23: MOBILITE} with an integer key; partner codes are compared as text. */
    private static Map<String, Object> stringKeys(String origin, String where, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidMappingException(origin, where + ".options must be a mapping");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((key, item) -> result.put(String.valueOf(key),
                item instanceof Map<?, ?> ? stringKeys(origin, where, item) : item));
        return result;
    }

    private static MappingFormat parseFormat(String origin, String format) {
        try {
            return MappingFormat.valueOf(format.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidMappingException(origin, "unknown format '" + format + "' (csv, xlsx, json, xml)");
        }
    }

    private static List<Charset> charsets(String origin, Object value) {
        List<String> names = stringList(origin, value, "charsets");
        if (names.isEmpty()) {
            return List.of(java.nio.charset.StandardCharsets.UTF_8);
        }
        List<Charset> charsets = new ArrayList<>();
        for (String name : names) {
            try {
                charsets.add(Charset.forName(name));
            } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                throw new InvalidMappingException(origin, "unknown charset '" + name + "'");
            }
        }
        return charsets;
    }

    private static char delimiter(String origin, Object value, MappingFormat format) {
        if (value == null) {
            return format == MappingFormat.CSV ? ';' : ',';
        }
        String text = String.valueOf(value);
        if ("\\t".equals(text) || "tab".equalsIgnoreCase(text)) {
            return '\t';
        }
        if (text.length() != 1) {
            throw new InvalidMappingException(origin, "'delimiter' must be one character");
        }
        return text.charAt(0);
    }

    private static List<String> stringList(String origin, Object value, String what) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            List<String> result = new ArrayList<>();
            for (Object item : list) {
                if (item == null) {
                    throw new InvalidMappingException(origin, "'" + what + "' holds an empty item");
                }
                result.add(String.valueOf(item));
            }
            return result;
        }
        return List.of(String.valueOf(value));
    }

    private static String requiredText(String origin, Map<String, Object> root, String key) {
        String value = optionalText(root, key);
        if (value == null) {
            throw new InvalidMappingException(origin, "'" + key + "' is required");
        }
        return value;
    }

    private static String optionalText(Map<String, Object> root, String key) {
        Object value = root.get(key);
        return value == null || String.valueOf(value).isBlank() ? null : String.valueOf(value);
    }
}
