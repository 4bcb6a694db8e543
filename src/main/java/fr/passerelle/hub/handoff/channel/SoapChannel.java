package fr.passerelle.hub.handoff.channel;

import fr.passerelle.hub.beneficiary.BeneficiaryRecords;
import fr.passerelle.hub.canonical.IdentifierKind;
import fr.passerelle.hub.canonical.PartnerIdentifier;
import fr.passerelle.hub.handoff.Handoff;
import fr.passerelle.hub.handoff.soap.contract.v1.Accuse;
import fr.passerelle.hub.handoff.soap.contract.v1.RecevoirRelaisReponse;
import fr.passerelle.hub.handoff.soap.contract.v1.RelaisRefuse_Exception;
import fr.passerelle.hub.handoff.soap.contract.v1.SuiviPortType;
import fr.passerelle.hub.handoff.soap.contract.v1.SuiviService;
import fr.passerelle.hub.partner.Channel;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.cxf.Bus;
import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.transport.http.HTTPException;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.springframework.stereotype.Component;

/**
 * SOAP delivery: {@code recevoirRelais} on the partner's service (France Travail, contract
 * {@code wsdl/suivi-ft-v1.wsdl}) through a CXF JAX-WS client generated from that contract. An {@code accuse} naming
 * the handoff id means delivered; a {@code RelaisRefuse} fault, any other SOAP fault, an HTTP error or a timeout is a
 * failed attempt, retried, backed off and parked by the dispatcher like every channel.
 */
@Component
class SoapChannel implements HandoffChannel {

    static final String WSDL = "wsdl/suivi-ft-v1.wsdl";
    private static final Pattern CODE = Pattern.compile("[A-Z0-9_]{1,40}");

    private final SoapHandoffProperties properties;
    private final BeneficiaryRecords records;
    private final Bus bus;
    private final Map<String, SuiviPortType> clients = new ConcurrentHashMap<>();

    SoapChannel(SoapHandoffProperties properties, BeneficiaryRecords records, Bus bus) {
        this.properties = properties;
        this.records = records;
        this.bus = bus;
    }

    @Override
    public Channel channel() {
        return Channel.SOAP;
    }

    @Override
    public void deliver(Handoff handoff) throws DeliveryException {
        SoapHandoffProperties.Target target = handoff.recipientPartnerId() == null ? null
                : properties.targets().get(handoff.recipientPartnerId());
        if (target == null || target.url() == null || target.url().isBlank()) {
            throw new DeliveryException("SOAP_NON_CONFIGURE", "no SOAP url for partner " + handoff.recipientPartnerId());
        }
        SuiviPortType port = clients.computeIfAbsent(handoff.recipientPartnerId(), partner -> client(target));
        RecevoirRelaisReponse answer;
        try {
            answer = port.recevoirRelais(RelaisMapper.request(handoff, franceTravailId(handoff)));
        } catch (RelaisRefuse_Exception e) {
            String code = e.getFaultInfo() == null ? null : e.getFaultInfo().getCode();
            // The partner's motif may quote the person's data: only its code is kept.
            throw new DeliveryException("RELAIS_REFUSE", "refused by the partner: "
                    + (code != null && CODE.matcher(code).matches() ? code : "sans code"));
        } catch (SOAPFaultException e) {
            String faultCode = e.getFault() == null || e.getFault().getFaultCodeAsQName() == null ? "?"
                    : e.getFault().getFaultCodeAsQName().getLocalPart();
            throw new DeliveryException("SOAP_FAULT", "SOAP fault " + faultCode);
        } catch (WebServiceException e) {
            throw transportFailure(e);
        }
        Accuse accuse = answer == null ? null : answer.getAccuse();
        if (accuse == null || !handoff.id().toString().equals(accuse.getIdentifiantRelais())) {
            throw new DeliveryException("ACCUSE_INCOHERENT", "the acknowledgement does not name this handoff");
        }
    }

    private static DeliveryException transportFailure(WebServiceException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HTTPException http) {
                return new DeliveryException("HTTP_" + http.getResponseCode(), "SOAP endpoint answered "
                        + http.getResponseCode(), e);
            }
            if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
                    || cause instanceof UnknownHostException) {
                return new DeliveryException("CONNEXION_REFUSEE", "connection failed (" + cause.getClass().getSimpleName()
                        + ")", e);
            }
            if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException) {
                return new DeliveryException("DELAI_DEPASSE", "no answer within " + "the receive timeout", e);
            }
        }
        return new DeliveryException("ERREUR_SOAP", e.getClass().getSimpleName(), e);
    }

    /** France Travail's own identifier of the person, if the record holds one. */
    private String franceTravailId(Handoff handoff) {
        if (handoff.beneficiaryId() == null) {
            return null;
        }
        return records.find(handoff.beneficiaryId()).flatMap(record -> record.identifiers().stream()
                        .filter(id -> id.kind() == IdentifierKind.FRANCE_TRAVAIL_ID)
                        .map(PartnerIdentifier::value).findFirst())
                .orElse(null);
    }

    private SuiviPortType client(SoapHandoffProperties.Target target) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setBus(bus);
        factory.setServiceClass(SuiviPortType.class);
        factory.setWsdlURL(WSDL);
        factory.setServiceName(SuiviService.SERVICE);
        factory.setEndpointName(SuiviService.SuiviPort);
        factory.setAddress(target.url());
        Map<String, Object> settings = new HashMap<>();
        // What the hub sends is checked against the contract before it leaves, and so is the answer.
        settings.put(Message.SCHEMA_VALIDATION_ENABLED, Boolean.TRUE);
        // SECURITY: CXF would log faults with their messages, which can quote the person's data.
        settings.put(FaultListener.class.getName(), (FaultListener) (exception, description, message) -> false);
        factory.setProperties(settings);
        SuiviPortType port = factory.create(SuiviPortType.class);
        Client client = ClientProxy.getClient(port);
        HTTPConduit conduit = (HTTPConduit) client.getConduit();
        HTTPClientPolicy policy = new HTTPClientPolicy();
        policy.setConnectionTimeout(properties.connectTimeout().toMillis());
        policy.setReceiveTimeout(properties.receiveTimeout().toMillis());
        policy.setAutoRedirect(false);
        policy.setAllowChunking(false);
        conduit.setClient(policy);
        if (target.username() != null && !target.username().isBlank()) {
            AuthorizationPolicy authorization = new AuthorizationPolicy();
            authorization.setAuthorizationType("Basic");
            authorization.setUserName(target.username());
            authorization.setPassword(target.password());
            conduit.setAuthorization(authorization);
        }
        return port;
    }
}
