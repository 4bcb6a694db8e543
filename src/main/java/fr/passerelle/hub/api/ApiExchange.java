package fr.passerelle.hub.api;

import fr.passerelle.hub.failure.AccessDeniedException;
import fr.passerelle.hub.failure.NotFoundException;
import fr.passerelle.hub.failure.PayloadTooLargeException;
import fr.passerelle.hub.security.AuthenticatedPartner;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/** What every REST route reads from its request: who is calling, a path id, a bounded body. */
public final class ApiExchange {

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
        throw new AccessDeniedException("réservé aux opérateurs");
    }

    /**
     * SECURITY: the operator of this request if they hold the ADMIN role (what only administrators may do: a
     * person's export and erasure, retention runs); refused otherwise.
     */
    public static String authenticatedAdministrator(Exchange exchange) {
        HttpServletRequest request = exchange.getIn(PlatformHttpMessage.class).getRequest();
        Object context = request.getAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME);
        if (context instanceof SecurityContext security && security.getAuthentication() != null
                && security.getAuthentication().getAuthorities().stream()
                .anyMatch(authority -> "ROLE_ADMIN".equals(authority.getAuthority()))) {
            return security.getAuthentication().getName();
        }
        throw new AccessDeniedException("réservé aux administrateurs");
    }

    /** The partner the security filter authenticated for this HTTP request. */
    public static String authenticatedPartner(Exchange exchange) {
        HttpServletRequest request = exchange.getIn(PlatformHttpMessage.class).getRequest();
        return AuthenticatedPartner.of(request)
                .orElseThrow(() -> new IllegalStateException("API route reached without an authenticated partner"));
    }

    /** Who reads, for audits: the partner system, or {@code <partner>/<login>} for a person of its team. */
    public static String authenticatedReader(Exchange exchange) {
        HttpServletRequest request = exchange.getIn(PlatformHttpMessage.class).getRequest();
        return AuthenticatedPartner.reader(request)
                .orElseThrow(() -> new IllegalStateException("API route reached without an authenticated partner"));
    }

    /** A path id: what is not a UUID names nothing, so it is "not found" like an unknown one. */
    public static UUID uuid(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException(what, id);
        }
    }

    /**
     * A list's {@code limit} query parameter: {@code fallback} when absent or unreadable, else brought within
     * 1…{@code max} (docs/api.md, list conventions).
     */
    public static int limit(Exchange exchange, int fallback, int max) {
        String value = exchange.getIn().getHeader("limit", String.class);
        if (value == null || !value.strip().matches("\\d{1,9}")) {
            return fallback;
        }
        return Math.max(1, Math.min(max, Integer.parseInt(value.strip())));
    }

    // SECURITY: the body is read with a ceiling, so an endless upload cannot exhaust memory.
    public static byte[] readLimited(InputStream in, long limit) throws IOException {
        if (in == null) {
            return new byte[0];
        }
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (body.length > limit) {
            throw new PayloadTooLargeException(limit);
        }
        return body;
    }
}
