package fr.passerelle.hub.intake;

import fr.passerelle.hub.mapping.MappingDefinition;
import fr.passerelle.hub.mapping.RejectReportWriter;
import fr.passerelle.hub.mapping.TabularLayout;
import fr.passerelle.hub.partner.PartnerFolders;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reject reports (SPEC §3): rejected rows, and accepted rows whose optional value was dropped, in the sender's
 * dialect plus {@code ligne} and {@code motif}, written to the partner's outbox and kept (sealed) for the API.
 */
@Component
class RejectReports {

    private final PartnerFolders folders;

    public RejectReports(PartnerFolders folders) {
        this.folders = folders;
    }

    public record Report(String name, byte[] content) {
    }

    public Optional<Report> forRecords(InboundFileStore.InboundFile file, MappingDefinition mapping,
                                       TabularLayout layout, List<InboundFileStore.RecordResult> results) {
        List<RejectReportWriter.ReportLine> lines = results.stream()
                .filter(result -> result.outcome() == MessageOutcome.REJECTED || !result.warnings().isEmpty())
                .map(result -> new RejectReportWriter.ReportLine(result.position(), result.cells(),
                        result.outcome() == MessageOutcome.ACCEPTED, result.errors(), result.warnings()))
                .toList();
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(deliver(file, mapping, RejectReportWriter.write(mapping, layout, lines)));
    }

    public Optional<Report> forWholeFile(InboundFileStore.InboundFile file, MappingDefinition mapping, String reason) {
        return Optional.of(deliver(file, mapping, RejectReportWriter.writeFileRejection(mapping, reason)));
    }

    private Report deliver(InboundFileStore.InboundFile file, MappingDefinition mapping, byte[] content) {
        String name = reportName(file.fileName(), RejectReportWriter.extension(mapping));
        folders.writeToOutbox(file.partnerId(), name, content);
        return new Report(name, content);
    }

    static String reportName(String fileName, String extension) {
        String safe = PartnerFolders.safeFileName(fileName);
        int dot = safe.lastIndexOf('.');
        return (dot > 0 ? safe.substring(0, dot) : safe) + ".rejets" + (extension.startsWith(".") ? extension : "." + extension);
    }
}
