package fr.passerelle.hub.mapping;

import fr.passerelle.hub.canonical.FieldIssue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * The reject report returned to a file sender (SPEC §3): its own rows, in its own dialect (delimiter, charset,
 * sheet), followed by the columns {@code ligne} and {@code motif} in French. Rejected rows are listed, and accepted
 * rows whose optional values were dropped, so that the sender can correct both.
 */
public final class RejectReportWriter {

    public static final String LINE_COLUMN = "ligne";
    public static final String REASON_COLUMN = "motif";

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String ISSUE_SEPARATOR = " ; ";
    private static final String WARNING_PREFIX = "avertissement — ";

    /**
     * One reported row.
     *
     * @param line     the row's position in the file (line of a CSV, row of a sheet)
     * @param cells    the row's cells as the sender wrote them, in the file's column order
     * @param accepted whether the row was accepted despite its warnings
     */
    public record ReportLine(int line, List<String> cells, boolean accepted, List<FieldIssue> errors,
                             List<FieldIssue> warnings) {

        public ReportLine {
            cells = List.copyOf(cells);
            errors = List.copyOf(errors);
            warnings = List.copyOf(warnings);
        }

        /** The French reason: {@code field : message} joined by {@code " ; "}. */
        public String reason() {
            List<String> parts = new ArrayList<>();
            if (accepted) {
                parts.add("ligne acceptée");
            }
            errors.forEach(issue -> parts.add(issue.field() + " : " + issue.message()));
            warnings.forEach(issue -> parts.add(WARNING_PREFIX + issue.field() + " : " + issue.message()));
            return String.join(ISSUE_SEPARATOR, parts);
        }
    }

    private RejectReportWriter() {
    }

    /** Whether the outcome of a payload calls for a report: a rejected record, or a dropped optional value. */
    public static boolean worthWriting(List<MappedRecord> results) {
        return results.stream().anyMatch(result -> !result.accepted() || !result.warnings().isEmpty());
    }

    /** The rows to report, each with its original cells, from the records read and their mapping outcomes. */
    public static List<ReportLine> linesToReport(List<SourceRecord> records, List<MappedRecord> results) {
        Map<Integer, SourceRecord> byPosition = new HashMap<>();
        records.forEach(record -> byPosition.putIfAbsent(record.position(), record));
        List<ReportLine> lines = new ArrayList<>();
        for (MappedRecord result : results) {
            if (result.accepted() && result.warnings().isEmpty()) {
                continue;
            }
            SourceRecord record = byPosition.get(result.position());
            lines.add(new ReportLine(result.position(), record == null ? List.of() : record.cells(), result.accepted(),
                    result.errors(), result.warnings()));
        }
        return lines;
    }

    /** The report for a payload read into {@code records} and mapped into {@code results}. */
    public static byte[] write(MappingDefinition mapping, List<SourceRecord> records, List<MappedRecord> results) {
        TabularLayout layout = records.stream().flatMap(record -> record.layout().stream()).findFirst().orElse(null);
        return write(mapping, layout, linesToReport(records, results));
    }

    /**
     * @param layout how the payload was written (header, charset, BOM); {@code null} when unknown, then the
     *               mapping's declared columns and first charset are used
     */
    public static byte[] write(MappingDefinition mapping, TabularLayout layout, List<ReportLine> lines) {
        List<String> header = layout != null ? layout.header() : tabular(mapping) ? mapping.columns() : List.of();
        List<List<String>> rows = new ArrayList<>();
        for (ReportLine line : lines) {
            rows.add(row(header.size(), line.cells(), String.valueOf(line.line()), line.reason()));
        }
        return render(mapping, layout, header, rows);
    }

    /** The report for a payload rejected as a whole: the reason on one row, with an empty {@code ligne}. */
    public static byte[] writeFileRejection(MappingDefinition mapping, String reason) {
        List<String> header = tabular(mapping) ? mapping.columns() : List.of();
        return render(mapping, null, header, List.of(row(header.size(), List.of(), "", reason)));
    }

    /** The report file's extension: the input's, so that the sender opens it with the same tool. */
    public static String extension(MappingDefinition mapping) {
        return mapping.format() == MappingFormat.XLSX ? "xlsx" : "csv";
    }

    /**
     * SECURITY: a cell that a spreadsheet would read as a formula (CSV injection) is prefixed with an apostrophe,
     * which makes it text. Reports echo the sender's cells and our messages quote them.
     */
    static String neutralise(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell == null ? "" : cell;
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }

    private static boolean tabular(MappingDefinition mapping) {
        return mapping.format() == MappingFormat.CSV || mapping.format() == MappingFormat.XLSX;
    }

    private static List<String> row(int width, List<String> cells, String line, String reason) {
        List<String> row = new ArrayList<>(width + 2);
        for (int i = 0; i < width; i++) {
            row.add(i < cells.size() ? cells.get(i) : "");
        }
        row.add(line);
        row.add(reason);
        return row;
    }

    private static byte[] render(MappingDefinition mapping, TabularLayout layout, List<String> header,
                                 List<List<String>> rows) {
        List<String> fullHeader = new ArrayList<>(header);
        fullHeader.add(LINE_COLUMN);
        fullHeader.add(REASON_COLUMN);
        return mapping.format() == MappingFormat.XLSX ? xlsx(mapping.sheet(), fullHeader, rows)
                : csv(mapping, layout, fullHeader, rows);
    }

    private static byte[] csv(MappingDefinition mapping, TabularLayout layout, List<String> header,
                              List<List<String>> rows) {
        Charset charset;
        boolean bom;
        if (layout != null) {
            charset = layout.charset();
            bom = layout.byteOrderMark();
        } else {
            // Unknown input charset: UTF-8 with a BOM is what spreadsheets open correctly.
            charset = mapping.format() == MappingFormat.CSV ? mapping.charsets().get(0) : StandardCharsets.UTF_8;
            bom = StandardCharsets.UTF_8.equals(charset);
        }
        char delimiter = mapping.format() == MappingFormat.CSV ? mapping.delimiter() : ';';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setRecordSeparator("\r\n").get();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (bom) {
            out.writeBytes(UTF8_BOM);
        }
        try (Writer writer = new OutputStreamWriter(out, charset); CSVPrinter printer = new CSVPrinter(writer, format)) {
            printer.printRecord(neutralised(header));
            for (List<String> row : rows) {
                printer.printRecord(neutralised(row));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] xlsx(String sheetName, List<String> header, List<List<String>> rows) {
        // Streaming workbook: a report of many thousand rows keeps a bounded memory footprint.
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try {
            workbook.setCompressTempFiles(true);
            Sheet sheet = workbook.createSheet(sheetName);
            writeRow(sheet.createRow(0), header);
            for (int i = 0; i < rows.size(); i++) {
                writeRow(sheet.createRow(i + 1), rows.get(i));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            workbook.dispose();
            try {
                workbook.close();
            } catch (IOException e) {
                // nothing left to release once disposed
            }
        }
    }

    private static void writeRow(Row row, List<String> cells) {
        List<String> safe = neutralised(cells);
        for (int i = 0; i < safe.size(); i++) {
            // Always a string cell: a report never carries a formula.
            row.createCell(i).setCellValue(safe.get(i));
        }
    }

    private static List<String> neutralised(List<String> cells) {
        return cells.stream().map(RejectReportWriter::neutralise).collect(Collectors.toList());
    }
}
