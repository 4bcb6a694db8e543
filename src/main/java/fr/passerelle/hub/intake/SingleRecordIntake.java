package fr.passerelle.hub.intake;

import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.failure.Failure;
import fr.passerelle.hub.mapping.MappedRecord;
import fr.passerelle.hub.mapping.MappingCatalog;
import fr.passerelle.hub.mapping.MappingDefinition;
import fr.passerelle.hub.mapping.PayloadReader;
import fr.passerelle.hub.mapping.RecordMapper;
import fr.passerelle.hub.mapping.SourceRecord;
import fr.passerelle.hub.mapping.UnusablePayloadException;
import fr.passerelle.hub.partner.Channel;
import fr.passerelle.hub.partner.Partner;
import fr.passerelle.hub.partner.PartnerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The intake pipeline of a message holding one referral (a REST body, a SOAP call): store raw → read → map →
 * validate → accept → journal the outcome → count. Channels keep only who is calling and the shape of their answer.
 * Plain Java: no HTTP, SOAP or Camel type.
 */
@Component
public class SingleRecordIntake {

    private final PartnerRegistry partners;
    private final MappingCatalog mappings;
    private final RawMessageStore rawMessages;
    private final RecordMapper mapper;
    private final ReferralIntake intake;
    private final MeterRegistry meters;

    public SingleRecordIntake(PartnerRegistry partners, MappingCatalog mappings, RawMessageStore rawMessages,
                              RecordMapper mapper, ReferralIntake intake, MeterRegistry meters) {
        this.partners = partners;
        this.mappings = mappings;
        this.rawMessages = rawMessages;
        this.mapper = mapper;
        this.intake = intake;
        this.meters = meters;
    }

    /** SPEC §3 "nothing is lost": the body as received is committed before anything is read from it. */
    public RawMessage storeRaw(String partnerId, Channel channel, String routeId, String contentType, byte[] body) {
        Admission.admit(partners.get(partnerId), channel);
        RawMessage raw = rawMessages.store(partnerId, channel.name(), null, contentType, body);
        meters.counter("passerelle.intake.received", IntakeSource.tags(partnerId, channel.name(), routeId)).increment();
        return raw;
    }

    /**
     * Reads the stored body with the route's mapping, maps and validates it, and accepts it. Every error is reported
     * at once: the mapping's, then what only the channel's contract saw ({@code contractViolations}).
     *
     * @throws RecordRejectedException  the referral breaks the mapping, the rules or the contract
     * @throws UnusablePayloadException the body cannot be read at all
     */
    public IntakeResult accept(UUID rawMessageId, String partnerId, Channel channel, String routeId, String mappingId,
                               byte[] body, List<FieldIssue> contractViolations) {
        Partner partner = partners.get(partnerId);
        MappingDefinition mapping = Admission.mapping(mappings.get(mappingId), partner);
        List<SourceRecord> records;
        try {
            records = PayloadReader.read(mapping, body);
        } catch (UnusablePayloadException unusable) {
            if (!contractViolations.isEmpty()) {
                throw new RecordRejectedException(contractViolations);
            }
            throw unusable;
        }
        if (records.size() != 1) {
            throw new UnusablePayloadException(mapping.format().name() + "_INATTENDU", "une seule orientation par requête");
        }
        MappedRecord mapped = mapper.map(mapping, records.get(0));
        rawMessages.describe(rawMessageId, routeId, mappingId, mapped.recordKey());
        List<FieldIssue> errors = merge(mapped.errors(), contractViolations);
        if (!errors.isEmpty()) {
            throw new RecordRejectedException(errors);
        }
        IntakeResult result = intake.accept(partner, channel.name(), rawMessageId, mapped);
        MessageOutcome outcome = result.created() ? MessageOutcome.ACCEPTED
                : result.changed() ? MessageOutcome.UPDATED : MessageOutcome.DUPLICATE;
        rawMessages.recordOutcome(rawMessageId, outcome, result.referralId());
        meters.counter("passerelle.intake.accepted", IntakeSource.tags(partnerId, channel.name(), routeId)).increment();
        if (result.beneficiaryId() != null) {
            meters.counter("passerelle.intake.matched", IntakeSource.tags(partnerId, channel.name(), routeId)).increment();
        }
        return result;
    }

    /** A message the pipeline stopped: its failure code journaled next to its raw payload, if it was stored. */
    public void failed(UUID rawMessageId, Failure failure) {
        if (rawMessageId != null) {
            boolean hubAtFault = failure.kind().hubAtFault();
            rawMessages.recordOutcome(rawMessageId, hubAtFault ? MessageOutcome.FAILED : MessageOutcome.REJECTED,
                    failure.code());
        }
    }

    /** The mapping's errors first (they carry the business codes), then what only the contract saw. */
    static List<FieldIssue> merge(List<FieldIssue> mappingErrors, List<FieldIssue> violations) {
        List<FieldIssue> merged = new ArrayList<>(mappingErrors);
        Set<String> fields = new LinkedHashSet<>();
        mappingErrors.forEach(error -> fields.add(error.field()));
        violations.stream().filter(violation -> fields.add(violation.field())).forEach(merged::add);
        return merged;
    }
}
