package fr.passerelle.hub.soap;

import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.correlation.MessageKeys;
import fr.passerelle.hub.failure.NotFoundException;
import fr.passerelle.hub.intake.IntakeResult;
import fr.passerelle.hub.intake.RawMessage;
import fr.passerelle.hub.intake.RecordRejectedException;
import fr.passerelle.hub.intake.SingleRecordIntake;
import fr.passerelle.hub.partner.Channel;
import fr.passerelle.hub.referral.ReferralStore;
import fr.passerelle.hub.referral.ReferralView;
import fr.passerelle.hub.soap.contract.v1.ChangementStatut;
import fr.passerelle.hub.soap.contract.v1.ConsulterOrientation;
import fr.passerelle.hub.soap.contract.v1.ConsulterOrientationReponse;
import fr.passerelle.hub.soap.contract.v1.Historique;
import fr.passerelle.hub.soap.contract.v1.SoumettreOrientationReponse;
import fr.passerelle.hub.soap.contract.v1.StatutOrientation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.cxf.message.Message;
import org.springframework.stereotype.Component;

/**
 * The SOAP face of referral intake (SPEC §4.2), the steps of {@code routes/ft-91-soap.yaml}: authenticate → storeRaw →
 * checkContract → accept → answer. It keeps who is calling, the contract's own check and the shape of the answer;
 * the pipeline is {@link SingleRecordIntake}'s. Which partner and mapping a service is for is wiring, in the route.
 */
@Component
public class OrientationSoap {

    private final SingleRecordIntake pipeline;
    private final SoapContract contract;
    private final ReferralStore referrals;

    public OrientationSoap(SingleRecordIntake pipeline, SoapContract contract, ReferralStore referrals) {
        this.pipeline = pipeline;
        this.contract = contract;
        this.referrals = referrals;
    }

    /** The partner {@link SoapAuthentication} found (token or API key); the call's envelope is taken over from CXF. */
    public void authenticate(Exchange exchange) {
        Message call = SoapExchange.cxfMessage(exchange);
        if (!(call.get(SoapAuthentication.PARTNER) instanceof String partnerId)) {
            throw new IllegalStateException("SOAP route reached without an authenticated partner");
        }
        exchange.setProperty(MessageKeys.PARTNER_ID, partnerId);
        exchange.setProperty(SoapExchange.ENVELOPE, SoapExchange.envelope(call));
        exchange.setProperty(SoapExchange.SCHEMA_ERRORS, SoapExchange.schemaErrors(call));
        exchange.setProperty(SoapExchange.CONTENT_TYPE, contentType(call));
    }

    /** SPEC §3 "nothing is lost": the envelope as received is committed before anything is read from it. */
    public void storeRaw(Exchange exchange) {
        RawMessage raw = pipeline.storeRaw(exchange.getProperty(MessageKeys.PARTNER_ID, String.class), Channel.SOAP,
                exchange.getFromRouteId(), exchange.getProperty(SoapExchange.CONTENT_TYPE, String.class),
                exchange.getProperty(SoapExchange.ENVELOPE, byte[].class));
        exchange.setProperty(MessageKeys.RAW_MESSAGE_ID, raw.id());
        exchange.setProperty(MessageKeys.CORRELATION_ID, raw.correlationId());
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

    /** Read → map → validate → accept → journal → count; the contract's violations are reported with the mapping's. */
    public void accept(Exchange exchange) {
        IntakeResult result = pipeline.accept(exchange.getProperty(MessageKeys.RAW_MESSAGE_ID, UUID.class),
                exchange.getProperty(MessageKeys.PARTNER_ID, String.class), Channel.SOAP, exchange.getFromRouteId(),
                exchange.getProperty(MessageKeys.MAPPING, String.class),
                exchange.getProperty(SoapExchange.ENVELOPE, byte[].class), violations(exchange));
        exchange.getIn().setBody(result);
    }

    /** The contract's answer: the orientation's id, its status and every warning. */
    public void answer(Exchange exchange) {
        IntakeResult result = exchange.getIn().getBody(IntakeResult.class);
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
        String partnerId = exchange.getProperty(MessageKeys.PARTNER_ID, String.class);
        ConsulterOrientation demande = requestOf(exchange, ConsulterOrientation.class);
        String id = demande.getIdentifiantOrientation();
        ReferralView view = referrals.findForPartner(uuid(id), partnerId)
                .orElseThrow(() -> new NotFoundException("orientation", id));
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
    }

    // The partner's header is stored as received, bounded: it is the only description of the bytes.
    private static String contentType(Message call) {
        Object value = call.get(Message.CONTENT_TYPE);
        String contentType = value == null ? "text/xml" : String.valueOf(value);
        return contentType.length() > 200 ? contentType.substring(0, 200) : contentType;
    }

    // The contract types the id as a string: one that is not a UUID names no orientation.
    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException("orientation", id);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
