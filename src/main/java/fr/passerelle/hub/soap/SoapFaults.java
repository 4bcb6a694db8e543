package fr.passerelle.hub.soap;

import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.correlation.MessageKeys;
import fr.passerelle.hub.failure.Failure;
import fr.passerelle.hub.failure.FailureMeter;
import fr.passerelle.hub.failure.NotFoundException;
import fr.passerelle.hub.soap.contract.v1.Anomalie;
import fr.passerelle.hub.soap.contract.v1.Erreurs;
import fr.passerelle.hub.soap.contract.v1.Introuvable;
import fr.passerelle.hub.soap.contract.v1.OrientationIntrouvable;
import fr.passerelle.hub.soap.contract.v1.OrientationInvalide;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.springframework.stereotype.Component;

/**
 * The one place SOAP failures become faults, used by the {@code soap-errors} route configuration, rendered from the
 * failure's code and kind: field errors are the contract's {@code OrientationInvalide} (every error, with its
 * field), an unknown id {@code OrientationIntrouvable}, any other refusal a client fault with its French detail;
 * the hub's own failures are server faults.
 */
@Component
public class SoapFaults {

    private final FailureMeter failures;

    public SoapFaults(FailureMeter failures) {
        this.failures = failures;
    }

    /** Replaces the answer with the fault for the failure caught; CXF sends a body holding a fault as a fault. */
    public void answer(Exchange exchange) {
        Throwable thrown = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Failure failure = failures.observe(thrown, exchange.getProperty(MessageKeys.PARTNER_ID, String.class), "SOAP",
                exchange.getFromRouteId());
        // SECURITY: Camel headers would go back as HTTP headers, the caller's API key among them.
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(faultFor(failure));
    }

    private static Fault faultFor(Failure failure) {
        return switch (failure.kind()) {
            case CLIENT_ERROR -> failure.errors().isEmpty() ? client(failure.detail()) : invalid(failure.errors());
            case NOT_FOUND -> notFound(failure instanceof NotFoundException notFound ? notFound.id() : null);
            case FORBIDDEN, CONFLICT, GONE, TOO_LARGE -> client(failure.detail());
            case TRANSIENT, INTERNAL -> {
                SoapFault fault = new SoapFault("server", Fault.FAULT_CODE_SERVER);
                fault.setMessage(failure.detail());
                yield fault;
            }
        };
    }

    private static Fault notFound(String id) {
        Introuvable detail = new Introuvable();
        detail.setIdentifiantOrientation(id);
        detail.setMotif("aucune orientation de ce partenaire ne porte cet identifiant");
        return clientFault(new OrientationIntrouvable("Orientation introuvable", detail));
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
}
