package fr.passerelle.hub.correlation;

import org.slf4j.MDC;

/**
 * The ids of the message being worked on, in the MDC for work that runs outside a route (a request filter, a
 * resumed file, a delivery loop), and gone when the work ends. Ids only: never personal data.
 */
public final class Correlation implements AutoCloseable {

    private final String previousCorrelationId;
    private final String previousPartnerId;

    private Correlation(String correlationId, String partnerId) {
        previousCorrelationId = MDC.get(MessageKeys.CORRELATION_ID);
        previousPartnerId = MDC.get(MessageKeys.PARTNER_ID);
        put(MessageKeys.CORRELATION_ID, correlationId);
        put(MessageKeys.PARTNER_ID, partnerId);
    }

    /** {@code try (var ignored = Correlation.of(id, partner)) { … }}; either may be null (left as it was). */
    public static Correlation of(Object correlationId, String partnerId) {
        return new Correlation(correlationId == null ? null : correlationId.toString(), partnerId);
    }

    /** A partner known, no message yet (an authenticated request). */
    public static Correlation ofPartner(String partnerId) {
        return new Correlation(null, partnerId);
    }

    @Override
    public void close() {
        restore(MessageKeys.CORRELATION_ID, previousCorrelationId);
        restore(MessageKeys.PARTNER_ID, previousPartnerId);
    }

    private static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
