package fr.passerelle.hub.soap;

import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;

/**
 * Faults CXF raises before the route is reached (XML not well-formed, a DTD, an element no operation starts with)
 * say so in French, with CXF's own words about the XML after them. A refused UsernameToken is the caller's fault,
 * said without WSS4J's words. An internal failure at that stage says nothing of its cause. Faults of the route
 * ({@link SoapFaults}) are left as they are.
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
        if (isSecurityRefusal(fault)) {
            // WS-Security's own codes (wsse:FailedAuthentication…) are what SOAP 1.1 clients expect; kept if set.
            if (fault.getFaultCode() == null || !WSConstants.WSSE_NS.equals(fault.getFaultCode().getNamespaceURI())) {
                fault.setFaultCode(Fault.FAULT_CODE_CLIENT);
            }
            fault.setMessage("authentification refusée : jeton WS-Security UsernameToken invalide (identifiant du "
                    + "partenaire et clé d'API, mot de passe en clair)");
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

    private static boolean isSecurityRefusal(Fault fault) {
        if (fault.getFaultCode() != null && WSConstants.WSSE_NS.equals(fault.getFaultCode().getNamespaceURI())) {
            return true;
        }
        for (Throwable cause = fault; cause != null; cause = cause.getCause()) {
            if (cause instanceof WSSecurityException) {
                return true;
            }
        }
        return false;
    }
}
