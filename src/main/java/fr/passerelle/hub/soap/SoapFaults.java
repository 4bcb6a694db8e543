package fr.passerelle.hub.soap;

import fr.passerelle.hub.intake.ChannelNotAllowedException;
import fr.passerelle.hub.intake.RawMessageStore;
import fr.passerelle.hub.intake.RecordRejectedException;
import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.mapping.UnusablePayloadException;
import fr.passerelle.hub.soap.contract.v1.Anomalie;
import fr.passerelle.hub.soap.contract.v1.Erreurs;
import fr.passerelle.hub.soap.contract.v1.Introuvable;
import fr.passerelle.hub.soap.contract.v1.OrientationIntrouvable;
import fr.passerelle.hub.soap.contract.v1.OrientationInvalide;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The one place SOAP failures become faults, used by the {@code soap-errors} route configuration. Invalid data is
 * the contract's {@code OrientationInvalide} (every error, with its field) and an unknown id
 * {@code OrientationIntrouvable}; both are the sender's fault ({@code soap:Client}). Each failure has a code,
 * journaled on the raw message and counted.
 */
@Component
public class SoapFaults {

    private static final Logger log = LoggerFactory.getLogger(SoapFaults.class);

    private final RawMessageStore rawMessages;
    private final MeterRegistry meters;

    public SoapFaults(RawMessageStore rawMessages, MeterRegistry meters) {
        this.rawMessages = rawMessages;
        this.meters = meters;
    }

    /** Replaces the answer with the fault for the failure caught; CXF sends a body holding a fault as a fault. */
    public void answer(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Answer answer = answerFor(failure);
        UUID rawMessageId = exchange.getProperty(SoapExchange.RAW_MESSAGE_ID, UUID.class);
        String partnerId = exchange.getProperty(SoapExchange.PARTNER_ID, String.class);
        if (rawMessageId != null) {
            rawMessages.recordOutcome(rawMessageId, "REJECTED", answer.code());
        }
        meters.counter("passerelle.soap.faults", "partner", partnerId == null ? "unknown" : partnerId,
                "channel", "SOAP", "route", String.valueOf(exchange.getFromRouteId()), "code", answer.code())
                .increment();
        if (answer.internal()) {
            // Ids only: the exception message may quote partner data.
            log.error("Internal failure on route {} (raw message {}): {}", exchange.getFromRouteId(), rawMessageId,
                    failure == null ? "unknown" : failure.getClass().getName());
        }
        // SECURITY: Camel headers would go back as HTTP headers, the caller's API key among them.
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(answer.fault());
        MDC.remove("correlationId");
    }

    private static Answer answerFor(Throwable failure) {
        if (failure instanceof RecordRejectedException rejected) {
            return new Answer("ORIENTATION_INVALIDE", invalid(rejected.errors()), false);
        }
        if (failure instanceof OrientationNotFoundException notFound) {
            Introuvable detail = new Introuvable();
            detail.setIdentifiantOrientation(notFound.id());
            detail.setMotif("aucune orientation de ce partenaire ne porte cet identifiant");
            return new Answer("INTROUVABLE", clientFault(new OrientationIntrouvable("Orientation introuvable", detail)),
                    false);
        }
        if (failure instanceof UnusablePayloadException unusable) {
            return new Answer(unusable.code(), client(unusable.getMessage()), false);
        }
        if (failure instanceof ChannelNotAllowedException) {
            return new Answer("CANAL_NON_AUTORISE",
                    client("ce partenaire n'est pas autorisé à envoyer des orientations par ce service"), false);
        }
        SoapFault fault = new SoapFault("server", Fault.FAULT_CODE_SERVER);
        fault.setMessage("erreur interne ; le message reçu est conservé et sera rejoué");
        return new Answer("ERREUR_INTERNE", fault, true);
    }

    static Fault invalid(List<FieldIssue> errors) {
        Erreurs detail = new Erreurs();
        for (FieldIssue error : errors) {
            detail.getErreur().add(anomalie(error));
        }
        return clientFault(new OrientationInvalide("Orientation invalide : " + errors.size()
                + " erreur(s), l'orientation n'a pas été enregistrée", detail));
    }

    static Anomalie anomalie(FieldIssue issue) {
        Anomalie anomalie = new Anomalie();
        anomalie.setChamp(issue.field());
        anomalie.setCode(issue.code());
        anomalie.setMotif(issue.message());
        return anomalie;
    }

    /** A fault of the contract (its detail written by CXF from the exception's fault info), blamed on the sender. */
    private static Fault clientFault(Exception contractFault) {
        Fault fault = new Fault(contractFault);
        fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
        return fault;
    }

    /** A refusal outside the contract's detail types; the message is French, for the sender. */
    static SoapFault client(String message) {
        return new Refusal(message);
    }

    /** A fault Passerelle worded itself, which {@link PreRouteFaults} leaves as it is. */
    static final class Refusal extends SoapFault {

        Refusal(String message) {
            super("client", Fault.FAULT_CODE_CLIENT);
            setMessage(message);
        }
    }

    private record Answer(String code, Fault fault, boolean internal) {
    }
}
