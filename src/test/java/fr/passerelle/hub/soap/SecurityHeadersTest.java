package fr.passerelle.hub.soap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    private static final String SECURITY = """
            <wsse:Security soapenv:mustUnderstand="1" xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">\
            <wsse:UsernameToken wsu:Id="UsernameToken-1"><wsse:Username>ft-91</wsse:Username>\
            <wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">demo-ft-91-key</wsse:Password>\
            </wsse:UsernameToken></wsse:Security>""";

    @Test
    void cutsTheSecurityHeaderAndKeepsTheBodyByteForByte() {
        String envelope = SoapContractTest.validEnvelope().replace("<soapenv:Header/>",
                "<soapenv:Header>" + SECURITY + "</soapenv:Header>");

        String stored = new String(SecurityHeaders.removed(envelope.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);

        assertThat(stored).doesNotContain("demo-ft-91-key", "UsernameToken")
                .contains(SecurityHeaders.REMOVED)
                .isEqualTo(envelope.replace(SECURITY, SecurityHeaders.REMOVED));
    }

    @Test
    void cutsAnUnprefixedSecurityHeader() {
        String envelope = "<Envelope><Header><Security xmlns=\"urn:x\"><Password>s3cret</Password></Security>"
                + "</Header><Body><a>é</a></Body></Envelope>";

        assertThat(new String(SecurityHeaders.removed(envelope.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8))
                .isEqualTo("<Envelope><Header>" + SecurityHeaders.REMOVED + "</Header><Body><a>é</a></Body></Envelope>");
    }

    @Test
    void leavesAnEnvelopeWithoutSecurityHeaderAndTheBodyUntouched() {
        byte[] envelope = "<s:Envelope><s:Header/><s:Body><Security>corps</Security></s:Body></s:Envelope>"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(SecurityHeaders.removed(envelope)).isSameAs(envelope);
    }
}
