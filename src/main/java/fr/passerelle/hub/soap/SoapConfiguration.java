package fr.passerelle.hub.soap;

import fr.passerelle.hub.security.PartnerCredentials;
import fr.passerelle.hub.soap.contract.v1.OrientationPortType;
import fr.passerelle.hub.soap.contract.v1.OrientationService;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import java.util.HashMap;
import java.util.Map;
import org.apache.cxf.Bus;
import org.apache.cxf.ws.security.SecurityConstants;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The orientation service (SPEC §4.2), contract-first: {@code wsdl/orientation-v1.wsdl} is what is served and
 * what the types are generated from. Published under CXF's servlet ({@code cxf.path}) at {@code /orientation};
 * routes consume it as {@code cxf:bean:orientationSoapEndpoint}.
 *
 * <p>POJO data format: CXF unmarshals to the generated types, so answers and the contract's faults are typed
 * objects that CXF marshals (and validates) itself. The mapping still reads the envelope as stored, so that a
 * replay of the raw message gives the same referral.
 */
@Configuration(proxyBeanMethods = false)
class SoapConfiguration {

    static final String WSDL = "wsdl/orientation-v1.wsdl";
    static final String XSD = "wsdl/orientation-v1.xsd";

    @Bean
    SoapContract orientationContract() {
        return SoapContract.fromClasspath(XSD);
    }

    @Bean
    CxfEndpoint orientationSoapEndpoint(Bus bus, SoapProperties properties, PartnerCredentials credentials) {
        CxfEndpoint endpoint = new CxfEndpoint();
        // The bus of CXF's servlet, so that the service is published under it.
        endpoint.setBus(bus);
        endpoint.setAddress("/orientation");
        endpoint.setWsdlURL(WSDL);
        endpoint.setServiceClass(OrientationPortType.class);
        endpoint.setServiceNameAsQName(OrientationService.SERVICE);
        endpoint.setPortNameAsQName(OrientationService.OrientationPort);
        endpoint.setDataFormat(DataFormat.POJO);
        endpoint.setSchemaValidationEnabled(true);
        // One thread from request to answer: the caller's MDC and transaction boundaries stay simple.
        endpoint.setSynchronous(true);
        // SECURITY: CXF would log faults with their messages, which can quote the partner's data.
        endpoint.setSkipFaultLogging(true);
        endpoint.getInInterceptors().add(new SoapRequestCapture(properties.maxRequestSize().toBytes()));
        // The WSDL's policy (PartnerUsernameToken) has CXF check any UsernameToken with this validator; the caller
        // is then the token's partner, or the X-Api-Key header's (docs/soap.md).
        endpoint.setProperties(new HashMap<>(Map.of(SecurityConstants.USERNAME_TOKEN_VALIDATOR,
                new PartnerUsernameTokens(credentials))));
        endpoint.getInInterceptors().add(new SoapAuthentication());
        endpoint.getOutFaultInterceptors().add(new PreRouteFaults());
        return endpoint;
    }
}
