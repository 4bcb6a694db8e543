package fr.passerelle.hub.onboarding;

import fr.passerelle.hub.canonical.CanonicalReferral;
import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.canonical.Identity;
import fr.passerelle.hub.failure.NotFoundException;
import fr.passerelle.hub.mapping.MappedRecord;
import fr.passerelle.hub.mapping.MappingCatalog;
import fr.passerelle.hub.mapping.MappingDefinition;
import fr.passerelle.hub.mapping.MappingFormat;
import fr.passerelle.hub.mapping.PayloadReader;
import fr.passerelle.hub.mapping.RecordMapper;
import fr.passerelle.hub.mapping.RejectReportWriter;
import fr.passerelle.hub.mapping.SourceRecord;
import fr.passerelle.hub.mapping.UnusablePayloadException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A sample file read exactly as the intake pipeline reads a partner's file (the same {@link PayloadReader},
 * {@link RecordMapper} and {@link RejectReportWriter}), so an operator sees every record as the hub would map it
 * and the reject report the partner would get back — before the partner sends a real file. Nothing is stored,
 * counted or sent: no database, no outbox, no event.
 */
@Component
public class MappingPreview {

    private final MappingCatalog mappings;
    private final RecordMapper mapper;

    MappingPreview(MappingCatalog mappings, RecordMapper mapper) {
        this.mappings = mappings;
        this.mapper = mapper;
    }

    /** Mappings that read files (the ones a sample can be previewed with), by id. */
    public List<MappingDefinition> fileMappings() {
        Collection<MappingDefinition> all = mappings.all();
        return all.stream().filter(mapping -> mapping.format() != MappingFormat.XML)
                .sorted(java.util.Comparator.comparing(MappingDefinition::id)).toList();
    }

    /** @param mappingName the mapping's file name without {@code .yaml}, e.g. {@code imilo-export.v1} */
    public Preview preview(String partnerId, String mappingName, byte[] sample) {
        MappingDefinition mapping = mappings.find(partnerId + "/" + mappingName)
                .filter(found -> partnerId.equals(found.partner()))
                .orElseThrow(() -> new NotFoundException("mapping", partnerId + "/" + mappingName));
        String reportName = "apercu.rejets." + RejectReportWriter.extension(mapping);
        List<SourceRecord> records;
        try {
            records = PayloadReader.read(mapping, sample);
        } catch (UnusablePayloadException unusable) {
            return new Preview(mapping.id(), List.of(), unusable.code(), unusable.getMessage(), reportName,
                    RejectReportWriter.writeFileRejection(mapping, unusable.getMessage()), contentType(mapping));
        }
        List<MappedRecord> results = new ArrayList<>();
        List<PreviewRecord> shown = new ArrayList<>();
        for (SourceRecord record : records) {
            MappedRecord mapped = mapper.map(mapping, record);
            results.add(mapped);
            shown.add(new PreviewRecord(mapped.position(), mapped.recordKey(), mapped.accepted(),
                    mapped.referral() == null ? null : withoutNir(mapped.referral()), mapped.errors(), mapped.warnings()));
        }
        byte[] report = RejectReportWriter.worthWriting(results) ? RejectReportWriter.write(mapping, records, results) : null;
        return new Preview(mapping.id(), shown, null, null, report == null ? null : reportName, report,
                report == null ? null : contentType(mapping));
    }

    // SECURITY: the preview never shows a NIR, only that one was read (and it is never stored).
    private static CanonicalReferral withoutNir(CanonicalReferral referral) {
        Identity identity = referral.identity();
        if (identity == null || identity.nir() == null) {
            return referral;
        }
        Identity masked = new Identity(identity.birthName(), identity.usageName(), identity.firstNames(),
                identity.birthDate(), identity.sex(), "•••• (lu, masqué)");
        return referral.withIdentity(masked);
    }

    private static String contentType(MappingDefinition mapping) {
        return mapping.format() == MappingFormat.XLSX
                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv";
    }

    /**
     * @param unusableCode   set when the file cannot be used at all (then no records, and a one-line report)
     * @param report         the reject report the partner would find in its outbox; null when every record passes
     */
    public record Preview(String mappingId, List<PreviewRecord> records, String unusableCode, String unusableReason,
                          String reportName, byte[] report, String reportContentType) {

        public long accepted() {
            return records.stream().filter(PreviewRecord::accepted).count();
        }

        public long rejected() {
            return records.size() - accepted();
        }
    }

    public record PreviewRecord(int position, String recordKey, boolean accepted, CanonicalReferral referral,
                                List<FieldIssue> errors, List<FieldIssue> warnings) {
    }
}
