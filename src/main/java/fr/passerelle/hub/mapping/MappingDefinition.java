package fr.passerelle.hub.mapping;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Set;

/**
 * A partner dialect, as declared in {@code mappings/<partner>/<name>.v<version>.yaml}.
 *
 * @param id          {@code <partner>/<name>.v<version>}, how routes refer to it
 * @param origin      the file it was read from, for messages
 * @param charsets    accepted charsets in order of preference (a BOM always wins)
 * @param columns     for tabular formats, the header the dialect declares; required ones must be present
 * @param nullValues  cell values meaning "no value" (France Travail writes {@code NULL})
 * @param recordsPath for JSON/XML documents holding several records, the path of the list
 */
public record MappingDefinition(String id, String origin, String partner, MappingFormat format,
                                List<Charset> charsets, char delimiter, String sheet, List<String> columns,
                                Set<String> requiredColumns, Set<String> nullValues, String recordsPath,
                                List<FieldMapping> fields) {

    public MappingDefinition {
        charsets = List.copyOf(charsets);
        columns = List.copyOf(columns);
        requiredColumns = Set.copyOf(requiredColumns);
        nullValues = Set.copyOf(nullValues);
        fields = List.copyOf(fields);
    }
}
