package fr.passerelle.hub.mapping;

import java.util.List;

/** One record of a partner payload as the reader sees it, before mapping. */
public interface SourceRecord {

    /** The record's position for reports: line of a CSV, row of a sheet, index in a JSON list (1-based). */
    int position();

    /**
     * The raw values under a source name: empty when absent or null, one element for a scalar, several for a
     * list.
     */
    List<String> values(String source);

    /** The record's original cells in the order of the file's header (tabular formats), for reject reports. */
    default List<String> cells() {
        return List.of();
    }
}
