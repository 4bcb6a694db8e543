package fr.passerelle.hub.canonical;

/**
 * A problem with one field of one record: an error rejects the record, a warning drops the value only.
 *
 * @param field   the field as the sender names it (column header, JSON path)
 * @param code    stable code, counted in metrics and reported back
 * @param message French message for the sender
 */
public record FieldIssue(String field, String code, String message) {
}
