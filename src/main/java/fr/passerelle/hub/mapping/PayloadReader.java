package fr.passerelle.hub.mapping;

import java.util.List;

/** Reads a partner payload into source records with the reader its mapping's format calls for. */
public final class PayloadReader {

    private PayloadReader() {
    }

    /**
     * @throws UnusablePayloadException when the payload as a whole cannot be read (one reason, in French)
     */
    public static List<SourceRecord> read(MappingDefinition mapping, byte[] payload) {
        return switch (mapping.format()) {
            case JSON -> JsonRecords.read(mapping, payload);
            case CSV -> CsvRecords.read(mapping, payload);
            case XLSX -> XlsxRecords.read(mapping, payload);
            case XML -> XmlRecords.read(mapping, payload);
        };
    }
}
