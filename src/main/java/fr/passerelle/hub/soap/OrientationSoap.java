package fr.passerelle.hub.soap;

import fr.passerelle.hub.intake.ChannelNotAllowedException;
import fr.passerelle.hub.intake.IntakeResult;
import fr.passerelle.hub.intake.RawMessage;
import fr.passerelle.hub.intake.RawMessageStore;
import fr.passerelle.hub.intake.RecordRejectedException;
import fr.passerelle.hub.intake.ReferralIntake;
import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.mapping.MappedRecord;
import fr.passerelle.hub.mapping.MappingCatalog;
import fr.passerelle.hub.mapping.MappingDefinition;
import fr.passerelle.hub.mapping.PayloadReader;
import fr.passerelle.hub.mapping.RecordMapper;
import fr.passerelle.hub.mapping.SourceRecord;
import fr.passerelle.hub.mapping.UnusablePayloadException;
import fr.passerelle.hub.partner.Channel;
import fr.passerelle.hub.partner.PartnerRegistry;
import fr.passerelle.hub.referral.ReferralStore;
import fr.passerelle.hub.referral.ReferralView;
import fr.passerelle.hub.security.AuthenticatedPartner;
import fr.passerelle.hub.soap.contract.v1.ChangementStatut;
import fr.passerelle.hub.soap.contract.v1.ConsulterOrientation;
import fr.passerelle.hub.soap.contract.v1.ConsulterOrientationReponse;
import fr.passerelle.hub.soap.contract.v1.Historique;
import fr.passerelle.hub.soap.contract.v1.SoumettreOrientationReponse;
import fr.passerelle.hub.soap.contract.v1.StatutOrientation;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.cxf.message.Message;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The SOAP face of referral intake (SPEC §4.2), called step by step from {@code routes/ft-91-soap.yaml}. Which
 * partner and mapping a service is for is wiring, in the route; the logic it calls (contract check, mapping,
 * intake) knows nothing of SOAP or Camel.
 */
@Component
public class OrientationSoap {

    private static final String CHANNEL = Channel.SOAP.name();

    private final PartnerRegistry partners;
    private final RawMessageStore rawMessages;
    private final SoapContract contract;
    private final MappingCatalog mappings;
    private final RecordMapper mapper;
    private final ReferralIntake intake;
    private final ReferralStore referrals;
    private final MeterRegistry meters;

    public OrientationSoap(PartnerRegistry partners, RawMessageStore rawMessages, SoapContract contract,
                           MappingCatalog mappings, RecordMapper mapper, ReferralIntake intake,
                           ReferralStore referrals, MeterRegistry meters) {
        this.partners = partners;
        this.rawMessages = rawMessages;
        this.contract = contract;
        this.mappings = mappings;
        this.mapper = mapper;
        this.intake = intake;
        this.referrals = referrals;
        this.meters = meters;
    }

    /**
     * Who is calling and may they: the partner the API key filter authenticated, with the SOAP channel, and the
     * one the route's mapping is written for. The call's envelope is taken over from CXF.
     */
    public void authenticate(Exchange exchange) {
        Message call = SoapExchange.cxfMessage(exchange);
        String partnerId = AuthenticatedPartner.of(SoapExchange.httpRequest(call))
                .orElseThrow(() -> new IllegalStateException("SOAP route reached without an authenticated partner"));
        exchange.setProperty(SoapExchange.PARTNER_ID, partnerId);
        MDC.put("partnerId", partnerId);
        MappingDefinition mapping = mappings.get(exchange.getProperty(SoapExchange.MAPPING, String.class));
        if (!partners.get(partnerId).receivesFrom(Channel.SOAP) || !mapping.partner().equals(partnerId)) {
            throw new ChannelNotAllowedException(partnerId, CHANNEL);
        }
        exchange.setProperty(SoapExchange.ENVELOPE, SoapExchange.envelope(call));
        exchange.setProperty(SoapExchange.SCHEMA_ERRORS, SoapExchange.schemaErrors(call));
        exchange.setProperty(SoapExchange.CONTENT_TYPE, contentType(call));
    }

    /** SPEC §3 "nothing is lost": the envelope as received is committed before anything is read from it. */
    public void storeRaw(Exchange exchange) {
        String partnerId = exchange.getProperty(SoapExchange.PARTNER_ID, String.class);
        RawMessage raw = rawMessages.store(partnerId, CHANNEL, null,
                exchange.getProperty(SoapExchange.CONTENT_TYPE, String.class),
                exchange.getProperty(SoapExchange.ENVELOPE, byte[].class));
        exchange.setProperty(SoapExchange.RAW_MESSAGE_ID, raw.id());
        MDC.put("correlationId", raw.correlationId());
        meters.counter("passerelle.intake.received", "partner", partnerId, "channel", CHANNEL,
                "route", String.valueOf(exchange.getFromRouteId())).increment();
    }

    /**
     * Every departure from the XSD, with its field. They do not stop the pipeline here: the mapping's errors are
     * added to them, so that the sender gets the whole list in one fault.
     */
    public void checkContract(Exchange exchange) {
        String base = exchange.getProperty(SoapExchange.CONTRACT_BASE, String.class);
        List<FieldIssue> violations = new ArrayList<>(contract.violations(
                exchange.getProperty(SoapExchange.ENVELOPE, byte[].class), base));
        Integer cxfErrors = exchange.getProperty(SoapExchange.SCHEMA_ERRORS, Integer.class);
        if (violations.isEmpty() && cxfErrors != null && cxfErrors > 0) {
            violations.add(new FieldIssue(base.substring(base.lastIndexOf('.') + 1), "NON_CONFORME",
                    "requête non conforme au contrat"));
        }
        exchange.setProperty(SoapExchange.VIOLATIONS, violations);
    }

    /** Maps the envelope with the route's mapping and accepts it, unless the contract or the mapping found errors. */
    public void submit(Exchange exchange) {
        String partnerId = exchange.getProperty(SoapExchange.PARTNER_ID, String.class);
        UUID rawMessageId = exchange.getProperty(SoapExchange.RAW_MESSAGE_ID, UUID.class);
        MappingDefinition mapping = mappings.get(exchange.getProperty(SoapExchange.MAPPING, String.class));
        List<FieldIssue> violations = violations(exchange);
        List<SourceRecord> records;
        try {
            records = PayloadReader.read(mapping, exchange.getProperty(SoapExchange.ENVELOPE, byte[].class));
        } catch (UnusablePayloadException e) {
            if (!violations.isEmpty()) {
                throw new RecordRejectedException(violations);
            }
            throw e;
        }
        if (records.size() != 1) {
            throw new UnusablePayloadException("XML_INATTENDU", "une seule orientation par requête");
        }
        MappedRecord mapped = mapper.map(mapping, records.get(0));
        List<FieldIssue> errors = merge(mapped.errors(), violations);
        if (!errors.isEmpty()) {
            throw new RecordRejectedException(errors);
        }
        IntakeResult result = intake.accept(partners.get(partnerId), CHANNEL, rawMessageId, mapped);
        rawMessages.recordOutcome(rawMessageId, result.created() ? "ACCEPTED" : result.changed() ? "UPDATED" : "DUPLICATE",
                result.referralId().toString());
        meters.counter("passerelle.intake.accepted", "partner", partnerId, "channel", CHANNEL,
                "route", String.valueOf(exchange.getFromRouteId())).increment();
        SoumettreOrientationReponse reponse = new SoumettreOrientationReponse();
        reponse.setIdentifiantOrientation(result.referralId().toString());
        reponse.setStatut(StatutOrientation.fromValue(result.status().name()));
        result.warnings().forEach(warning -> reponse.getAvertissement().add(SoapFaults.anomalie(warning)));
        reply(exchange, reponse);
    }

    /** An orientation as its sender sees it (as {@code GET /api/v1/referrals/{id}}); anyone else's is "not found". */
    public void consult(Exchange exchange) {
        List<FieldIssue> violations = violations(exchange);
        if (!violations.isEmpty()) {
            throw new RecordRejectedException(violations);
        }
        String partnerId = exchange.getProperty(SoapExchange.PARTNER_ID, String.class);
        ConsulterOrientation demande = requestOf(exchange, ConsulterOrientation.class);
        String id = demande.getIdentifiantOrientation();
        ReferralView view = referrals.findForPartner(UUID.fromString(id), partnerId)
                .orElseThrow(() -> new OrientationNotFoundException(id));
        ConsulterOrientationReponse reponse = new ConsulterOrientationReponse();
        reponse.setIdentifiantOrientation(view.referralId().toString());
        reponse.setReferenceFranceTravail(view.reference());
        reponse.setStatut(StatutOrientation.fromValue(view.status().name()));
        reponse.setIdentifiantBeneficiaire(view.beneficiaryId() == null ? null : view.beneficiaryId().toString());
        reponse.setDateReception(utc(view.receivedAt()));
        reponse.setDateMiseAJour(utc(view.updatedAt()));
        reponse.setVersion(view.revision());
        view.warnings().forEach(warning -> reponse.getAvertissement().add(SoapFaults.anomalie(warning)));
        Historique historique = new Historique();
        for (ReferralView.StatusChange change : view.history()) {
            ChangementStatut changement = new ChangementStatut();
            changement.setStatut(StatutOrientation.fromValue(change.status().name()));
            changement.setDate(utc(change.at()));
            changement.setDetail(change.detail());
            historique.getChangement().add(changement);
        }
        reponse.setHistorique(historique);
        reply(exchange, reponse);
    }

    /** The mapping's errors first (they carry the business codes), then what only the contract saw. */
    static List<FieldIssue> merge(List<FieldIssue> mappingErrors, List<FieldIssue> violations) {
        List<FieldIssue> merged = new ArrayList<>(mappingErrors);
        Set<String> fields = new LinkedHashSet<>();
        mappingErrors.forEach(error -> fields.add(error.field()));
        violations.stream().filter(violation -> fields.add(violation.field())).forEach(merged::add);
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static List<FieldIssue> violations(Exchange exchange) {
        List<FieldIssue> violations = exchange.getProperty(SoapExchange.VIOLATIONS, List.class);
        return violations == null ? List.of() : violations;
    }

    /** POJO mode: the body holds the operation's parameters; the bare style has exactly one. */
    private static <T> T requestOf(Exchange exchange, Class<T> type) {
        if (exchange.getIn().getBody() instanceof List<?> parameters && parameters.size() == 1
                && type.isInstance(parameters.get(0))) {
            return type.cast(parameters.get(0));
        }
        throw new IllegalStateException("SOAP request is not a " + type.getSimpleName());
    }

    private static void reply(Exchange exchange, Object reponse) {
        // SECURITY: Camel headers would go back as HTTP headers, the caller's API key among them.
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(reponse);
        MDC.remove("correlationId");
    }

    // The partner's header is stored as received, bounded: it is the only description of the bytes.
    private static String contentType(Message call) {
        Object value = call.get(Message.CONTENT_TYPE);
        String contentType = value == null ? "text/xml" : String.valueOf(value);
        return contentType.length() > 200 ? contentType.substring(0, 200) : contentType;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
