package fr.passerelle.hub.soap;

import jakarta.xml.bind.ValidationEvent;
import jakarta.xml.bind.ValidationEventHandler;

/**
 * CXF's schema validation of one request, made to go on after an error: the request still reaches the route, which
 * stores it and answers every problem at once ({@link SoapContract}). This counts what CXF saw, as a cross-check.
 */
final class SchemaEvents implements ValidationEventHandler {

    private int errors;

    @Override
    public boolean handleEvent(ValidationEvent event) {
        if (event.getSeverity() != ValidationEvent.WARNING) {
            errors++;
        }
        return true;
    }

    int errors() {
        return errors;
    }
}
