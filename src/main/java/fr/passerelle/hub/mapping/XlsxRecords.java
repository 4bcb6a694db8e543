package fr.passerelle.hub.mapping;

import fr.passerelle.hub.canonical.NameFolding;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the named sheet of an XLSX workbook, streaming its XML: cells become text, formulas give their cached
 * value (never evaluated), numbers are written without a useless ".0" and date cells as their Excel serial number
 * (mappings declare the {@code excel-serial} date pattern). {@link SourceRecord#position()} is the Excel row
 * number (the header is row 1 when it comes first).
 *
 * <p>Styles are deliberately not read: dates stay serials whatever their display format, and workbooks written
 * by partner tools with an empty {@code styles.xml} (as the PLIE's) still open.
 */
final class XlsxRecords {

    public static final int MAX_BYTES = 50 * 1024 * 1024;
    public static final int MAX_ROWS = 200_000;
    /** SECURITY: cells kept in memory for one sheet; what a forged sheet of short rows would otherwise pile up. */
    public static final int MAX_CELLS = 2_000_000;
    /** Excel's own limit for one cell's text; a longer one is a forged file. */
    static final int MAX_CELL_CHARS = 32_767;
    /** Excel's own limit (XFD); a cell reference beyond it is a forged file. */
    private static final int MAX_COLUMNS = 16_384;
    /** SECURITY: the most one part may inflate to, counted while it inflates (the shared strings are held whole). */
    private static final long MAX_ENTRY_BYTES = 100L * 1024 * 1024;
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    static {
        // SECURITY: zip bombs. A part may not inflate more than 100 times, nor beyond MAX_ENTRY_BYTES, both checked
        // while it streams.
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(MAX_ENTRY_BYTES);
    }

    private static final String NOT_A_WORKBOOK = "le fichier n'est pas un classeur Excel (.xlsx) lisible";

    private XlsxRecords() {
    }

    /**
     * @throws UnusablePayloadException when the file is not a readable workbook, is too large, lacks the mapping's
     *                                  sheet or a column the mapping requires
     */
    public static List<SourceRecord> read(MappingDefinition mapping, byte[] payload) {
        if (payload.length > MAX_BYTES) {
            throw new UnusablePayloadException("FICHIER_TROP_VOLUMINEUX", "fichier trop volumineux ("
                    + payload.length / (1024 * 1024) + " Mo, maximum " + MAX_BYTES / (1024 * 1024) + " Mo)");
        }
        if (payload.length == 0) {
            throw new UnusablePayloadException("FICHIER_VIDE", "le fichier est vide");
        }
        FileMagic magic = FileMagic.valueOf(payload);
        if (magic == FileMagic.OLE2) {
            throw new UnusablePayloadException("CLASSEUR_ILLISIBLE", NOT_A_WORKBOOK
                    + " (ancien format .xls ou classeur protégé par mot de passe)");
        }
        if (magic != FileMagic.OOXML) {
            throw new UnusablePayloadException("CLASSEUR_ILLISIBLE", NOT_A_WORKBOOK);
        }
        // SECURITY: opened from a file, not from memory: POI then inflates each part only as it is read (the sheet
        // is streamed through SAX) instead of inflating every part into the heap first. The copy is readable by the
        // hub alone and deleted at once.
        Path copy = null;
        OPCPackage pkg = null;
        try {
            copy = Files.createTempFile("passerelle-xlsx-", ".xlsx",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(copy, payload);
            pkg = OPCPackage.open(copy.toFile(), PackageAccess.READ);
            return readSheet(mapping, pkg);
        } catch (UnusablePayloadException e) {
            throw e;
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            // RuntimeException: forged parts (shared-string index out of range, bad cell reference…).
            throw unreadable(e);
        } finally {
            if (pkg != null) {
                // Never written back: revert rather than close, which may try to save the package.
                pkg.revert();
            }
            deleteQuietly(copy);
        }
    }

    private static void deleteQuietly(Path copy) {
        if (copy != null) {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                copy.toFile().deleteOnExit();
            }
        }
    }

    private static List<SourceRecord> readSheet(MappingDefinition mapping, OPCPackage pkg)
            throws IOException, OpenXML4JException, SAXException, ParserConfigurationException {
        XSSFReader reader = new XSSFReader(pkg);
        XSSFReader.SheetIterator sheets = reader.getSheetIterator();
        List<String> names = new ArrayList<>();
        SheetHandler handler = null;
        while (sheets.hasNext()) {
            try (InputStream sheet = sheets.next()) {
                String name = sheets.getSheetName();
                names.add(name);
                if (handler == null && sameSheet(name, mapping.sheet())) {
                    handler = new SheetHandler(mapping, new ReadOnlySharedStringsTable(pkg));
                    parse(sheet, handler);
                }
            }
        }
        if (handler == null) {
            throw new UnusablePayloadException("FEUILLE_ABSENTE", "feuille « " + mapping.sheet()
                    + " » introuvable (feuilles présentes : " + (names.isEmpty() ? "aucune" : String.join(", ", names))
                    + ")");
        }
        if (handler.header == null) {
            throw new UnusablePayloadException("FICHIER_VIDE", "la feuille « " + mapping.sheet() + " » est vide");
        }
        return handler.records;
    }

    private static void parse(InputStream sheet, SheetHandler handler)
            throws IOException, SAXException, ParserConfigurationException {
        // SECURITY: POI's reader is hardened (no DTD, no external entities); the sheet is hostile input.
        XMLReader xml = XMLHelper.newXMLReader();
        xml.setContentHandler(handler);
        try {
            xml.parse(new InputSource(sheet));
        } catch (SheetTooLarge e) {
            throw new UnusablePayloadException("FICHIER_TROP_VOLUMINEUX", e.getMessage());
        }
    }

    /** PARTNER QUIRK: "participants" and "Participants " name the same sheet to the people who type them. */
    private static boolean sameSheet(String found, String expected) {
        return found.equals(expected) || (NameFolding.fold(found) != null
                && NameFolding.fold(found).equals(NameFolding.fold(expected)));
    }

    private static UnusablePayloadException unreadable(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains("Zip bomb")) {
                return new UnusablePayloadException("CLASSEUR_SUSPECT", "classeur refusé : contenu anormalement "
                        + "compressé ou trop volumineux une fois décompressé", e);
            }
        }
        return new UnusablePayloadException("CLASSEUR_ILLISIBLE", NOT_A_WORKBOOK, e);
    }

    /** Excel's numbers as a person would type them: 612345678, not 6.12345678E8; 45000.5 stays as is. */
    static String numberText(String raw) {
        try {
            return new BigDecimal(raw.trim()).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    /** Cells of type "d" hold ISO dates; they become serials like every other date cell. */
    static String isoDateToSerial(String raw) {
        try {
            LocalDate date = raw.contains("T") ? LocalDateTime.parse(raw).toLocalDate() : LocalDate.parse(raw);
            return String.valueOf(ChronoUnit.DAYS.between(EXCEL_EPOCH, date));
        } catch (DateTimeParseException e) {
            return raw;
        }
    }

    /** Stops the SAX parse at once, while the sheet is still streaming in. */
    private static final class SheetTooLarge extends RuntimeException {
        SheetTooLarge(String why) {
            super(why, null, false, false);
        }
    }

    /** SAX over one worksheet part: only rows, cells, values and inline strings matter. */
    private static final class SheetHandler extends DefaultHandler {

        private final MappingDefinition mapping;
        private final ReadOnlySharedStringsTable sharedStrings;
        private final List<SourceRecord> records = new ArrayList<>();
        private Header header;

        private int rowNumber;
        private int cells;
        private TreeMap<Integer, String> rowCells;
        private int column;
        private String cellType;
        private final StringBuilder text = new StringBuilder();
        private boolean capturing;
        private boolean inInlineString;
        private boolean inPhonetic;

        SheetHandler(MappingDefinition mapping, ReadOnlySharedStringsTable sharedStrings) {
            this.mapping = mapping;
            this.sharedStrings = sharedStrings;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            switch (name(localName, qName)) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r);
                    rowCells = new TreeMap<>();
                    column = -1;
                }
                case "c" -> {
                    String ref = attributes.getValue("r");
                    column = ref == null ? column + 1 : new CellReference(ref).getCol();
                    cellType = attributes.getValue("t");
                    text.setLength(0);
                }
                case "v" -> {
                    text.setLength(0);
                    capturing = true;
                }
                case "is" -> inInlineString = true;
                case "rPh" -> inPhonetic = true;
                case "t" -> capturing = inInlineString && !inPhonetic;
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (capturing) {
                if (text.length() + length > MAX_CELL_CHARS) {
                    throw new SheetTooLarge("cellule trop longue (plus de " + MAX_CELL_CHARS + " caractères), ligne "
                            + rowNumber);
                }
                text.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (name(localName, qName)) {
                case "v", "t" -> capturing = false;
                case "is" -> inInlineString = false;
                case "rPh" -> inPhonetic = false;
                case "c" -> {
                    if (column >= 0 && column < MAX_COLUMNS && rowCells != null) {
                        if (++cells > MAX_CELLS) {
                            throw new SheetTooLarge("feuille trop grande (plus de " + MAX_CELLS + " cellules)");
                        }
                        rowCells.put(column, cellText());
                    }
                }
                case "row" -> endRow();
                default -> {
                }
            }
        }

        private String cellText() {
            String raw = text.toString();
            if (cellType == null || "n".equals(cellType)) {
                return raw.isEmpty() ? "" : numberText(raw);
            }
            return switch (cellType) {
                case "s" -> raw.isBlank() ? "" : sharedStrings.getItemAt(Integer.parseInt(raw.trim())).getString();
                case "b" -> "1".equals(raw.trim()) ? "TRUE" : "FALSE";
                case "d" -> isoDateToSerial(raw.trim());
                // inlineStr, str (a formula's cached text), e (#N/A…): the text as written.
                default -> raw;
            };
        }

        private void endRow() {
            if (rowCells == null || rowCells.values().stream().allMatch(String::isBlank)) {
                return;
            }
            if (header == null) {
                int width = rowCells.lastKey() + 1;
                header = new Header(cellList(width), mapping);
                return;
            }
            if (records.size() == MAX_ROWS) {
                throw new SheetTooLarge("feuille trop longue (plus de " + MAX_ROWS + " lignes)");
            }
            records.add(XlsxRow.of(rowNumber, header, rowCells.headMap(header.cells().size())));
        }

        private List<String> cellList(int width) {
            List<String> cells = new ArrayList<>(width);
            for (int i = 0; i < width; i++) {
                cells.add(rowCells.getOrDefault(i, ""));
            }
            return cells;
        }

        private static String name(String localName, String qName) {
            if (localName != null && !localName.isEmpty()) {
                return localName;
            }
            int colon = qName.indexOf(':');
            return colon < 0 ? qName : qName.substring(colon + 1);
        }
    }

    private record Header(List<String> cells, ColumnIndex index, TabularLayout layout) {

        Header(List<String> cells, MappingDefinition mapping) {
            this(List.copyOf(cells), ColumnIndex.of(mapping, cells),
                    new TabularLayout(cells, StandardCharsets.UTF_8, false));
        }
    }

    /**
     * A data row, kept sparse: memory follows the cells the sheet holds, not its width, so a forged cell reference
     * far to the right cannot inflate it. Cells Excel did not store read as "".
     */
    private static final class XlsxRow implements SourceRecord {

        private final int position;
        private final Header header;
        private final int[] columns;
        private final String[] values;

        private XlsxRow(int position, Header header, int[] columns, String[] values) {
            this.position = position;
            this.header = header;
            this.columns = columns;
            this.values = values;
        }

        static XlsxRow of(int position, Header header, Map<Integer, String> cells) {
            int[] columns = new int[cells.size()];
            String[] values = new String[cells.size()];
            int i = 0;
            for (Map.Entry<Integer, String> cell : cells.entrySet()) {
                columns[i] = cell.getKey();
                values[i] = cell.getValue();
                i++;
            }
            return new XlsxRow(position, header, columns, values);
        }

        @Override
        public int position() {
            return position;
        }

        @Override
        public List<String> values(String source) {
            int index = header.index().of(source);
            if (index < 0) {
                return List.of();
            }
            int found = Arrays.binarySearch(columns, index);
            return List.of(found < 0 ? "" : values[found]);
        }

        @Override
        public List<String> cells() {
            List<String> cells = new ArrayList<>(Collections.nCopies(header.cells().size(), ""));
            for (int i = 0; i < columns.length; i++) {
                cells.set(columns[i], values[i]);
            }
            return Collections.unmodifiableList(cells);
        }

        @Override
        public Optional<TabularLayout> layout() {
            return Optional.of(header.layout());
        }
    }
}
