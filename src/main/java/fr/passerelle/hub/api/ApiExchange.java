package fr.passerelle.hub.api;

import fr.passerelle.hub.security.AuthenticatedPartner;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;

/**
 * Trusted values travel as exchange properties, never headers: HTTP request headers become Camel headers, so a
 * caller could forge a header but not a property.
 */
public final class ApiExchange {

    public static final String PARTNER_ID = "partnerId";
    public static final String RAW_MESSAGE_ID = "rawMessageId";
    public static final String MAPPING = "mapping";

    private ApiExchange() {
    }

    /** The partner the security filter authenticated for this HTTP request. */
    public static String authenticatedPartner(Exchange exchange) {
        HttpServletRequest request = exchange.getIn(PlatformHttpMessage.class).getRequest();
        return AuthenticatedPartner.of(request)
                .orElseThrow(() -> new IllegalStateException("API route reached without an authenticated partner"));
    }
}
