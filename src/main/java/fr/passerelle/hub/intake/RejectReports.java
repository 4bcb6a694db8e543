package fr.passerelle.hub.intake;

import fr.passerelle.hub.mapping.FieldIssue;
import fr.passerelle.hub.mapping.MappingDefinition;
import fr.passerelle.hub.partner.PartnerFolders;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Reject reports (SPEC §3): the rejected rows in the sender's dialect plus {@code ligne} and {@code motif}, in
 * French, written to the partner's outbox and kept (sealed) for the API.
 */
@Component
public class RejectReports {

    private final PartnerFolders folders;

    public RejectReports(PartnerFolders folders) {
        this.folders = folders;
    }

    public record Report(String name, byte[] content) {
    }

    public Optional<Report> forRecords(InboundFileStore.InboundFile file, MappingDefinition mapping,
                                       List<InboundFileStore.RecordResult> rejected) {
        List<List<String>> rows = new ArrayList<>();
        for (InboundFileStore.RecordResult result : rejected) {
            List<String> row = new ArrayList<>(padded(result.cells(), mapping.columns().size()));
            row.add(String.valueOf(result.position()));
            row.add(motif(result.errors()));
            rows.add(row);
        }
        return Optional.of(write(file, mapping, rows));
    }

    public Optional<Report> forWholeFile(InboundFileStore.InboundFile file, MappingDefinition mapping, String reason) {
        List<String> row = new ArrayList<>(padded(List.of(), mapping.columns().size()));
        row.add("");
        row.add("fichier rejeté : " + reason);
        return Optional.of(write(file, mapping, List.of(row)));
    }

    private Report write(InboundFileStore.InboundFile file, MappingDefinition mapping, List<List<String>> rows) {
        char delimiter = mapping.delimiter();
        List<String> header = new ArrayList<>(mapping.columns());
        header.add("ligne");
        header.add("motif");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringBuilder text = new StringBuilder("\uFEFF");
        text.append(line(header, delimiter));
        rows.forEach(row -> text.append(line(row, delimiter)));
        out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
        String name = reportName(file.fileName());
        byte[] content = out.toByteArray();
        folders.writeToOutbox(file.partnerId(), name, content);
        return new Report(name, content);
    }

    static String reportName(String fileName) {
        String safe = PartnerFolders.safeFileName(fileName);
        int dot = safe.lastIndexOf('.');
        return (dot > 0 ? safe.substring(0, dot) : safe) + ".rejets.csv";
    }

    static String motif(List<FieldIssue> errors) {
        return errors.stream()
                .map(error -> error.field() == null || error.field().isBlank() ? error.message()
                        : error.field() + " : " + error.message())
                .collect(Collectors.joining(" ; "));
    }

    private static List<String> padded(List<String> cells, int size) {
        List<String> padded = new ArrayList<>(cells);
        while (padded.size() < size) {
            padded.add("");
        }
        return padded;
    }

    private static String line(List<String> cells, char delimiter) {
        return cells.stream().map(cell -> quoted(neutralised(cell), delimiter))
                .collect(Collectors.joining(String.valueOf(delimiter))) + "\r\n";
    }

    /** SECURITY: a cell a spreadsheet would read as a formula is prefixed with an apostrophe. */
    static String neutralised(String cell) {
        if (cell == null || cell.isEmpty()) {
            return "";
        }
        char first = cell.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + cell : cell;
    }

    private static String quoted(String cell, char delimiter) {
        if (cell.indexOf(delimiter) >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0) {
            return '"' + cell.replace("\"", "\"\"") + '"';
        }
        return cell;
    }
}
