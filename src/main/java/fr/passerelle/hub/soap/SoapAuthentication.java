package fr.passerelle.hub.soap;

import fr.passerelle.hub.security.AuthenticatedPartner;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.cxf.binding.soap.SoapMessage;
import org.apache.cxf.helpers.CastUtils;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.WSHandlerConstants;
import org.apache.wss4j.dom.handler.WSHandlerResult;

/**
 * Who calls the SOAP service, from either of the two credentials the WSDL allows: a WS-Security UsernameToken
 * (already checked by WSS4J with {@link PartnerUsernameTokens}: a wrong one never gets here) or the {@code X-Api-Key}
 * header (authenticated by the security module's filter). Neither: the call is refused with a fault, before its
 * body is read. The envelope kept for the raw message store loses its {@code wsse:Security} header here.
 */
final class SoapAuthentication extends AbstractPhaseInterceptor<SoapMessage> {

    /** The authenticated partner id, on the CXF message. */
    static final String PARTNER = "passerelle.soap.partnerId";

    SoapAuthentication() {
        // After PRE_PROTOCOL, where WS-Security's UsernameToken interceptor validates the token; before the body.
        super(Phase.POST_PROTOCOL);
    }

    @Override
    public void handleMessage(SoapMessage message) {
        Optional<String> byToken = tokenPartner(message);
        Optional<String> byHeader = message.get(AbstractHTTPDestination.HTTP_REQUEST)
                instanceof HttpServletRequest request ? AuthenticatedPartner.of(request) : Optional.empty();
        if (byToken.isPresent() && byHeader.isPresent() && !byToken.equals(byHeader)) {
            throw SoapFaults.client("authentification refusée : le jeton UsernameToken et l'en-tête X-Api-Key "
                    + "désignent deux partenaires différents");
        }
        String partnerId = byToken.or(() -> byHeader).orElseThrow(() -> SoapFaults.client(
                "authentification requise : jeton WS-Security UsernameToken (voir la politique du WSDL) ou en-tête "
                        + "X-Api-Key"));
        message.put(PARTNER, partnerId);
        if (message.get(SoapRequestCapture.ENVELOPE) instanceof byte[] envelope) {
            message.put(SoapRequestCapture.ENVELOPE, SecurityHeaders.removed(envelope));
        }
    }

    /** The username of a UsernameToken that WSS4J validated in this message. */
    private static Optional<String> tokenPartner(SoapMessage message) {
        List<WSHandlerResult> results = CastUtils.cast((List<?>) message.get(WSHandlerConstants.RECV_RESULTS));
        if (results == null) {
            return Optional.empty();
        }
        return results.stream()
                .flatMap(result -> result.getResults().stream())
                .filter(result -> Objects.equals(result.get(WSSecurityEngineResult.TAG_ACTION), WSConstants.UT))
                .map(result -> result.get(WSSecurityEngineResult.TAG_PRINCIPAL))
                .filter(Principal.class::isInstance)
                .map(principal -> ((Principal) principal).getName())
                .findFirst();
    }
}
