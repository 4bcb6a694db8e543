package fr.passerelle.hub.mapping;

import java.util.List;
import java.util.Map;

/**
 * One line of a mapping file: where a canonical field comes from and how it is normalized.
 *
 * @param sources   source names (column header, JSON path, XML path); the first non-empty one wins
 * @param normalizer name of a normalizer (see {@code normalize.Normalizers})
 * @param options   normalizer options: {@code patterns} for dates, {@code barrier} for flags, {@code codes} …
 */
record FieldMapping(CanonicalField target, List<String> sources, String normalizer, boolean required,
                           Map<String, Object> options) {

    public FieldMapping {
        sources = List.copyOf(sources);
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    /** The name a sender knows this field by, used in error messages. */
    public String sourceName() {
        return sources.get(0);
    }
}
