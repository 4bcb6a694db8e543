package fr.passerelle.hub.mapping;

import fr.passerelle.hub.canonical.NameFolding;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where each column of a mapping sits in a file's header. PARTNER QUIRK: exports change the case and the accents
 * of their headers from one version to the next ("Prenom", "PRÉNOM"), so names are compared folded.
 */
final class ColumnIndex {

    private final Map<String, Integer> byFoldedName;
    private final Map<String, Integer> bySource = new HashMap<>();

    private ColumnIndex(Map<String, Integer> byFoldedName) {
        this.byFoldedName = byFoldedName;
    }

    /**
     * @throws UnusablePayloadException when a column the mapping requires is missing, or a mapped column appears
     *                                  twice
     */
    static ColumnIndex of(MappingDefinition mapping, List<String> header) {
        Map<String, Integer> byFoldedName = new HashMap<>();
        Set<String> duplicates = new LinkedHashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String folded = fold(header.get(i));
            if (!folded.isEmpty() && byFoldedName.putIfAbsent(folded, i) != null) {
                duplicates.add(folded);
            }
        }
        ColumnIndex index = new ColumnIndex(byFoldedName);
        List<String> missing = mapping.columns().stream()
                .filter(mapping.requiredColumns()::contains)
                .filter(column -> !byFoldedName.containsKey(fold(column)))
                .toList();
        if (missing.size() == 1) {
            throw new UnusablePayloadException("COLONNE_ABSENTE", "colonne obligatoire absente : « " + missing.get(0) + " »");
        }
        if (!missing.isEmpty()) {
            throw new UnusablePayloadException("COLONNE_ABSENTE", "colonnes obligatoires absentes : "
                    + missing.stream().map(column -> "« " + column + " »").collect(Collectors.joining(", ")));
        }
        List<String> ambiguous = mapping.columns().stream().filter(column -> duplicates.contains(fold(column))).toList();
        if (!ambiguous.isEmpty()) {
            throw new UnusablePayloadException("COLONNE_EN_DOUBLE", "colonne présente plusieurs fois : "
                    + ambiguous.stream().map(column -> "« " + column + " »").collect(Collectors.joining(", ")));
        }
        for (String column : mapping.columns()) {
            index.bySource.put(column, byFoldedName.getOrDefault(fold(column), -1));
        }
        return index;
    }

    /** The index of the source's cell, or -1 when the file has no such column. */
    int of(String source) {
        Integer index = bySource.get(source);
        if (index == null) {
            index = byFoldedName.getOrDefault(fold(source), -1);
        }
        return index;
    }

    private static String fold(String name) {
        String folded = NameFolding.fold(name);
        return folded == null ? "" : folded;
    }
}
