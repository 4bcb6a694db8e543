package fr.passerelle.hub.soap;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.cxf.interceptor.AttachmentInInterceptor;
import org.apache.cxf.jaxb.JAXBDataBinding;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * The first thing CXF does with a call: reads the envelope, bounded, and keeps its bytes for the raw message store
 * (SPEC §3, the SOAP body as received); then makes schema validation collect its errors instead of stopping at the
 * first one, so that the route answers them all.
 */
final class SoapRequestCapture extends AbstractPhaseInterceptor<Message> {

    static final String ENVELOPE = "passerelle.soap.envelope";
    static final String SCHEMA_EVENTS = "passerelle.soap.schemaEvents";

    private final long maxBytes;

    SoapRequestCapture(long maxBytes) {
        super(Phase.RECEIVE);
        addBefore(AttachmentInInterceptor.class.getName());
        this.maxBytes = maxBytes;
    }

    @Override
    public void handleMessage(Message message) {
        if (!"POST".equals(message.get(Message.HTTP_REQUEST_METHOD))) {
            return;
        }
        byte[] envelope = readLimited(message.getContent(InputStream.class));
        message.put(ENVELOPE, envelope);
        message.setContent(InputStream.class, new ByteArrayInputStream(envelope));
        SchemaEvents events = new SchemaEvents();
        message.put(SCHEMA_EVENTS, events);
        message.put(JAXBDataBinding.READER_VALIDATION_EVENT_HANDLER, events);
    }

    // SECURITY: read with a ceiling, so that an endless or huge envelope never reaches the XML parser.
    private byte[] readLimited(InputStream in) {
        if (in == null) {
            return new byte[0];
        }
        try {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (body.length > maxBytes) {
                throw SoapFaults.client("requête trop volumineuse (" + maxBytes + " octets au plus)");
            }
            return body;
        } catch (IOException e) {
            throw SoapFaults.client("requête illisible");
        }
    }
}
