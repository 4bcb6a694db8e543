package fr.passerelle.hub.handoff.channel;

/** Cells of the CSV files the hub writes for partners. */
final class CsvCells {

    private CsvCells() {
    }

    /**
     * SECURITY: a cell starting with {@code = + - @}, a tab or a carriage return is read as a formula by
     * spreadsheets (CSV injection); it is prefixed with an apostrophe so it stays text.
     */
    static String neutralise(String value) {
        if (value == null || value.isEmpty()) {
            return value == null ? "" : value;
        }
        char first = value.charAt(0);
        if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
            return "'" + value;
        }
        return value;
    }
}
