package fr.passerelle.hub.api;

import fr.passerelle.hub.security.AuthenticatedPartner;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

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

    /**
     * The operator (HTTP Basic, operator or admin) behind a {@code /api/v1/ops/**} request. Read from the request's
     * security context attribute: the exchange runs on another thread than the one Spring Security saw.
     */
    public static String authenticatedOperator(Exchange exchange) {
        HttpServletRequest request = exchange.getIn(PlatformHttpMessage.class).getRequest();
        Object context = request.getAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME);
        if (context instanceof SecurityContext security && security.getAuthentication() != null) {
            return security.getAuthentication().getName();
        }
        throw new AccessDeniedException("operators only");
    }

    /** The partner the security filter authenticated for this HTTP request. */
    public static String authenticatedPartner(Exchange exchange) {
        HttpServletRequest request = exchange.getIn(PlatformHttpMessage.class).getRequest();
        return AuthenticatedPartner.of(request)
                .orElseThrow(() -> new IllegalStateException("API route reached without an authenticated partner"));
    }
}
