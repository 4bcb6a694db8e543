package fr.passerelle.hub.mapping;

import fr.passerelle.hub.canonical.FieldIssue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads delimited text payloads in the dialect a mapping declares: delimiter, charsets, quoted fields, CRLF or LF.
 * The header row is matched to the mapping's columns whatever the case and accents; {@link SourceRecord#position()}
 * is the line number in the file (the header is line 1 when it comes first).
 */
final class CsvRecords {

    /** SECURITY: partner files are hostile until proven otherwise; beyond these the file is refused. */
    public static final int MAX_BYTES = 50 * 1024 * 1024;
    public static final int MAX_ROWS = 200_000;

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final char QUOTE = '"';

    private CsvRecords() {
    }

    /**
     * @throws UnusablePayloadException when the file is empty, too large, not decodable in any declared charset,
     *                                  or lacks a column the mapping requires
     */
    public static List<SourceRecord> read(MappingDefinition mapping, byte[] payload) {
        if (payload.length > MAX_BYTES) {
            throw new UnusablePayloadException("FICHIER_TROP_VOLUMINEUX", "fichier trop volumineux ("
                    + payload.length / (1024 * 1024) + " Mo, maximum " + MAX_BYTES / (1024 * 1024) + " Mo)");
        }
        boolean bom = startsWithBom(payload);
        Charset charset;
        String text;
        if (bom) {
            charset = StandardCharsets.UTF_8;
            text = decode(Arrays.copyOfRange(payload, UTF8_BOM.length, payload.length), charset)
                    .orElseThrow(() -> notDecodable(List.of(StandardCharsets.UTF_8)));
        } else {
            charset = null;
            text = null;
            for (Charset candidate : mapping.charsets()) {
                Optional<String> decoded = decode(payload, candidate);
                if (decoded.isPresent()) {
                    charset = candidate;
                    text = decoded.get();
                    break;
                }
            }
            if (text == null) {
                throw notDecodable(mapping.charsets());
            }
        }
        if (text.isBlank()) {
            throw new UnusablePayloadException("FICHIER_VIDE", "le fichier est vide");
        }
        return parse(mapping, text, charset, bom);
    }

    private static List<SourceRecord> parse(MappingDefinition mapping, String text, Charset charset, boolean bom) {
        LineIndex lines = new LineIndex(text);
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(mapping.delimiter())
                .setQuote(QUOTE)
                .setIgnoreEmptyLines(false)
                .setIgnoreSurroundingSpaces(false)
                .get();
        List<SourceRecord> records = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Iterator<CSVRecord> rows = parser.iterator();
            Header header = null;
            long lastStart = -1;
            while (true) {
                CSVRecord row;
                try {
                    if (!rows.hasNext()) {
                        break;
                    }
                    row = rows.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    if (header == null) {
                        throw new UnusablePayloadException("CSV_MALFORME", "ligne d'en-tête illisible (guillemet non fermé ?)", e);
                    }
                    // PARTNER QUIRK: a file cut during transfer ends inside a quoted field; the rows before it stand.
                    int line = lines.lineOf(endOfRecord(text, lastStart));
                    records.add(new CsvRecord(line, header, List.of(), new FieldIssue("ligne", "LIGNE_ILLISIBLE",
                            "ligne illisible (guillemet non fermé ou caractère après un guillemet fermant) ; la suite du fichier est ignorée")));
                    break;
                }
                lastStart = row.getCharacterPosition();
                List<String> cells = row.toList();
                if (blank(cells)) {
                    continue;
                }
                int line = lines.lineOf(row.getCharacterPosition());
                if (header == null) {
                    header = Header.of(mapping, cells, charset, bom);
                    continue;
                }
                if (records.size() == MAX_ROWS) {
                    throw new UnusablePayloadException("FICHIER_TROP_VOLUMINEUX",
                            "fichier trop long (plus de " + MAX_ROWS + " lignes)");
                }
                records.add(new CsvRecord(line, header, cells, shapeError(header, cells)));
            }
            if (header == null) {
                throw new UnusablePayloadException("FICHIER_VIDE", "le fichier est vide");
            }
        } catch (IOException e) {
            throw new UnusablePayloadException("CSV_MALFORME", "fichier CSV illisible", e);
        }
        return records;
    }

    private static FieldIssue shapeError(Header header, List<String> cells) {
        int expected = header.cells().size();
        if (cells.size() < expected) {
            return new FieldIssue("ligne", "COLONNES_MANQUANTES", "trop peu de colonnes (" + cells.size() + " au lieu de "
                    + expected + ") : ligne tronquée ou séparateur manquant");
        }
        // PARTNER QUIRK: some exports end every line with a separator; empty extra cells are harmless.
        if (cells.size() > expected && !blank(cells.subList(expected, cells.size()))) {
            return new FieldIssue("ligne", "COLONNES_EN_TROP", "trop de colonnes (" + cells.size() + " au lieu de "
                    + expected + ") : séparateur « " + header.delimiter() + " » dans une valeur non entourée de guillemets ?");
        }
        return null;
    }

    private static boolean blank(List<String> cells) {
        return cells.stream().allMatch(cell -> cell == null || cell.isBlank());
    }

    /** Where the record starting at {@code start} ends: its first line break outside quotes. */
    private static int endOfRecord(String text, long start) {
        if (start < 0) {
            return 0;
        }
        boolean quoted = false;
        int i = (int) start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == QUOTE) {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                return c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
            i++;
        }
        return i;
    }

    static boolean startsWithBom(byte[] payload) {
        return payload.length >= UTF8_BOM.length && payload[0] == UTF8_BOM[0] && payload[1] == UTF8_BOM[1]
                && payload[2] == UTF8_BOM[2];
    }

    /**
     * Strict decoding: bytes that are not valid in the charset fail it instead of turning into replacement
     * characters. PARTNER QUIRK: this tells windows-1252 from UTF-8 without a BOM, since accented letters in
     * windows-1252 are almost never valid UTF-8 sequences.
     */
    private static Optional<String> decode(byte[] bytes, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static UnusablePayloadException notDecodable(List<Charset> tried) {
        return new UnusablePayloadException("ENCODAGE_INCONNU", "fichier illisible dans les encodages attendus ("
                + tried.stream().map(Charset::name).collect(Collectors.joining(", ")) + ")");
    }

    /** The file's header and, for each column name, the index of its cell. */
    private record Header(List<String> cells, ColumnIndex index, TabularLayout layout, char delimiter) {

        static Header of(MappingDefinition mapping, List<String> cells, Charset charset, boolean bom) {
            // PARTNER QUIRK: a header ending with a separator has an empty last name; rows may or may not repeat it.
            int width = cells.size();
            while (width > 1 && cells.get(width - 1).isBlank()) {
                width--;
            }
            List<String> named = List.copyOf(cells.subList(0, width));
            return new Header(named, ColumnIndex.of(mapping, named), new TabularLayout(named, charset, bom),
                    mapping.delimiter());
        }
    }

    private record CsvRecord(int position, Header header, List<String> cells, FieldIssue shapeError)
            implements SourceRecord {

        CsvRecord {
            cells = List.copyOf(cells);
        }

        @Override
        public List<String> values(String source) {
            int index = header.index().of(source);
            if (index < 0 || index >= cells.size()) {
                return List.of();
            }
            return List.of(cells.get(index));
        }

        @Override
        public Optional<TabularLayout> layout() {
            return Optional.of(header.layout());
        }

        @Override
        public Optional<FieldIssue> structuralError() {
            return Optional.ofNullable(shapeError);
        }
    }

    /** Offsets at which lines start, so that a record's character position gives its line number. */
    private static final class LineIndex {
        private final int[] starts;

        LineIndex(String text) {
            List<Integer> found = new ArrayList<>();
            found.add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
                    found.add(i + 1);
                }
            }
            starts = found.stream().mapToInt(Integer::intValue).toArray();
        }

        int lineOf(long offset) {
            int found = Arrays.binarySearch(starts, (int) offset);
            return found >= 0 ? found + 1 : -found - 1;
        }
    }
}
