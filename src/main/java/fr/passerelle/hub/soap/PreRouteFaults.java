package fr.passerelle.hub.soap;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Faults CXF raises before the route is reached (XML not well-formed, a DTD, an element no operation starts with)
 * say so in French, with CXF's own words about the XML after them. An internal failure at that stage says nothing
 * of its cause. Faults of the route ({@link SoapFaults}) are left as they are.
 */
final class PreRouteFaults extends AbstractPhaseInterceptor<Message> {

    PreRouteFaults() {
        super(Phase.PRE_LOGICAL);
    }

    @Override
    public void handleMessage(Message message) {
        boolean routeReached = message.getExchange().get(org.apache.camel.Exchange.class) != null;
        if (routeReached || !(message.getContent(Exception.class) instanceof Fault fault)
                || fault instanceof SoapFaults.Refusal) {
            return;
        }
        String code = fault.getFaultCode() == null ? "" : fault.getFaultCode().getLocalPart();
        if (code.equalsIgnoreCase("server") || code.equalsIgnoreCase("receiver")) {
            fault.setMessage("erreur interne ; renvoyez la requête plus tard");
            return;
        }
        fault.setMessage("requête SOAP refusée avant traitement : XML mal formé, DTD ou entités interdites, ou "
                + "élément ne correspondant à aucune opération du contrat (" + fault.getMessage() + ")");
    }
}
