package fr.passerelle.hub.mapping;

import fr.passerelle.hub.canonical.FieldIssue;

import java.util.List;
import java.util.Optional;

/** One record of a partner payload as the reader sees it, before mapping. */
public interface SourceRecord {

    /** The record's position for reports: line of a CSV, row of a sheet, index in a JSON list (1-based). */
    int position();

    /**
     * The raw values under a source name: empty when absent or null, one element for a scalar, several for a
     * list.
     */
    List<String> values(String source);

    /**
     * The record's cells as they came, in the file's column order, so that a reject report can give the sender
     * its own row back. Empty for documents (JSON, XML).
     */
    default List<String> cells() {
        return List.of();
    }

    /**
     * For tabular payloads, the file's header (as written by the sender) and the charset it was read with.
     * Empty for documents.
     */
    default Optional<TabularLayout> layout() {
        return Optional.empty();
    }

    /**
     * A defect of the record's shape (a truncated line with too few cells…) that makes its values unreliable:
     * the record is rejected with this reason before any field is read.
     */
    default Optional<FieldIssue> structuralError() {
        return Optional.empty();
    }
}
