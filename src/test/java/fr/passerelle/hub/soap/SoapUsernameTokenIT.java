package fr.passerelle.hub.soap;

import static fr.passerelle.hub.soap.FranceTravailSoapIT.consult;
import static fr.passerelle.hub.soap.FranceTravailSoapIT.lucasNoel;
import static fr.passerelle.hub.soap.FranceTravailSoapIT.submit;
import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.FT_91_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.passerelle.hub.intake.RawMessageStore;
import fr.passerelle.hub.soap.contract.v1.ConsulterOrientationReponse;
import fr.passerelle.hub.soap.contract.v1.OrientationPortType;
import fr.passerelle.hub.soap.contract.v1.OrientationService;
import fr.passerelle.hub.soap.contract.v1.SoumettreOrientationReponse;
import fr.passerelle.hub.soap.contract.v1.StatutOrientation;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.ws.security.wss4j.WSS4JOutInterceptor;
import org.apache.wss4j.common.ConfigurationConstants;
import org.apache.wss4j.common.WSS4JConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The orientation service's second way in (issue 9): a WS-Security UsernameToken, declared as a policy in the WSDL,
 * sent by a CXF client generated from that WSDL with WSS4J's out-interceptor, over real HTTP, without the
 * {@code X-Api-Key} header.
 */
class SoapUsernameTokenIT extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RawMessageStore rawMessages;

    @Test
    void publishesTheUsernameTokenPolicyInTheWsdl() {
        HttpResponse<String> wsdl = get("/services/orientation?wsdl", null);

        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("http://www.w3.org/ns/ws-policy",
                "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702", "PartnerUsernameToken",
                "SupportingTokens", "UsernameToken", "WssUsernameToken10", "PolicyReference")
                .doesNotContain("HashPassword");
    }

    @Test
    void acceptsAUsernameTokenWithThePartnersKeyWithoutTheHeader() throws Exception {
        OrientationPortType client = tokenClient("ft-91", FT_91_KEY, WSS4JConstants.PW_TEXT);

        SoumettreOrientationReponse answer = client.soumettreOrientation(submit(lucasNoel("ORI-91027-WSS-0001")));

        assertThat(answer.getStatut()).isEqualTo(StatutOrientation.ACCEPTED);
        assertThat(jdbc.sql("select partner_id from referral where id = cast(:id as uuid)")
                .param("id", answer.getIdentifiantOrientation()).query(String.class).single()).isEqualTo("ft-91");
        ConsulterOrientationReponse status = client.consulterOrientation(consult(answer.getIdentifiantOrientation()));
        assertThat(status.getReferenceFranceTravail()).isEqualTo("ORI-91027-WSS-0001");
    }

    @Test
    void storesTheEnvelopeWithoutTheTokenAndItsKey() throws Exception {
        SoumettreOrientationReponse answer = tokenClient("ft-91", FT_91_KEY, WSS4JConstants.PW_TEXT)
                .soumettreOrientation(submit(lucasNoel("ORI-91027-WSS-0008")));

        UUID rawId = jdbc.sql("select raw_message_id from referral_revision where referral_id = cast(:id as uuid)")
                .param("id", answer.getIdentifiantOrientation()).query(UUID.class).single();
        assertThat(new String(rawMessages.payload(rawId).orElseThrow(), StandardCharsets.UTF_8))
                .contains("ORI-91027-WSS-0008", SecurityHeaders.REMOVED)
                .doesNotContain(FT_91_KEY, "UsernameToken");
    }

    @Test
    void refusesAWrongPasswordWithAFaultAndStoresNothing() {
        int storedBefore = soapMessagesOfFt91();

        assertThatThrownBy(() -> tokenClient("ft-91", "demo-ft-91-key-fausse", WSS4JConstants.PW_TEXT)
                .soumettreOrientation(submit(lucasNoel("ORI-91027-WSS-0002"))))
                .isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("authentification refusée")
                .hasMessageNotContaining("demo-ft-91-key-fausse");
        assertThat(soapMessagesOfFt91()).isEqualTo(storedBefore);
    }

    @Test
    void refusesAnotherPartnersKeyUnderThisPartnersName() {
        assertThatThrownBy(() -> tokenClient("ft-91", AILE_KEY, WSS4JConstants.PW_TEXT)
                .soumettreOrientation(submit(lucasNoel("ORI-91027-WSS-0003"))))
                .isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("authentification refusée");
    }

    @Test
    void refusesAPasswordDigestItCannotCheck() {
        assertThatThrownBy(() -> tokenClient("ft-91", FT_91_KEY, WSS4JConstants.PW_DIGEST)
                .soumettreOrientation(submit(lucasNoel("ORI-91027-WSS-0004"))))
                .isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("authentification refusée");
    }

    @Test
    void refusesACallWithNeitherTokenNorHeader() {
        assertThatThrownBy(() -> plainClient().soumettreOrientation(submit(lucasNoel("ORI-91027-WSS-0005"))))
                .isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("authentification requise");
    }

    @Test
    void refusesATokenAndAHeaderOfTwoDifferentPartners() {
        OrientationPortType client = tokenClient("ft-91", FT_91_KEY, WSS4JConstants.PW_TEXT);
        ((BindingProvider) client).getRequestContext()
                .put(MessageContext.HTTP_REQUEST_HEADERS, Map.of("X-Api-Key", List.of(AILE_KEY)));

        assertThatThrownBy(() -> client.soumettreOrientation(submit(lucasNoel("ORI-91027-WSS-0006"))))
                .isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("deux partenaires différents");
    }

    @Test
    void theHeaderAloneKeepsWorking() throws Exception {
        OrientationPortType client = plainClient();
        ((BindingProvider) client).getRequestContext()
                .put(MessageContext.HTTP_REQUEST_HEADERS, Map.of("X-Api-Key", List.of(FT_91_KEY)));

        assertThat(client.soumettreOrientation(submit(lucasNoel("ORI-91027-WSS-0007"))).getStatut())
                .isEqualTo(StatutOrientation.ACCEPTED);
    }

    private int soapMessagesOfFt91() {
        return jdbc.sql("select count(*) from raw_message where partner_id = 'ft-91' and channel = 'SOAP'")
                .query(Integer.class).single();
    }

    private OrientationPortType plainClient() {
        OrientationPortType client = new OrientationService().getOrientationPort();
        ((BindingProvider) client).getRequestContext()
                .put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, uri("/services/orientation").toString());
        return client;
    }

    /** What a partner configures on a CXF client: a UsernameToken with its id and key, and no HTTP header. */
    private OrientationPortType tokenClient(String username, String password, String passwordType) {
        OrientationPortType client = plainClient();
        CallbackHandler passwords = callbacks -> {
            for (Callback callback : callbacks) {
                if (callback instanceof WSPasswordCallback passwordCallback) {
                    passwordCallback.setPassword(password);
                }
            }
        };
        ClientProxy.getClient(client).getOutInterceptors().add(new WSS4JOutInterceptor(Map.of(
                ConfigurationConstants.ACTION, ConfigurationConstants.USERNAME_TOKEN,
                ConfigurationConstants.USER, username,
                ConfigurationConstants.PASSWORD_TYPE, passwordType,
                ConfigurationConstants.PW_CALLBACK_REF, passwords)));
        return client;
    }
}
