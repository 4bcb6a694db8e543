package fr.passerelle.hub.soap;

import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.message.Message;

/**
 * What the SOAP routes carry. Trusted values travel as exchange properties, never headers (SOAP and HTTP headers
 * become Camel headers); they are read once from the CXF message, which CXF hands over as an object.
 */
final class SoapExchange {

    static final String ENVELOPE = "soapEnvelope";
    static final String CONTENT_TYPE = "soapContentType";
    static final String SCHEMA_ERRORS = "soapSchemaErrors";
    static final String CONTRACT_BASE = "contractBase";
    static final String VIOLATIONS = "contractViolations";

    private SoapExchange() {
    }

    static Message cxfMessage(Exchange exchange) {
        if (exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE) instanceof Message message) {
            return message;
        }
        throw new IllegalStateException("SOAP route reached without its CXF message");
    }

    static byte[] envelope(Message message) {
        if (message.get(SoapRequestCapture.ENVELOPE) instanceof byte[] envelope) {
            return envelope;
        }
        throw new IllegalStateException("SOAP call not captured by SoapRequestCapture");
    }

    static int schemaErrors(Message message) {
        return message.get(SoapRequestCapture.SCHEMA_EVENTS) instanceof SchemaEvents events ? events.errors() : 0;
    }
}
