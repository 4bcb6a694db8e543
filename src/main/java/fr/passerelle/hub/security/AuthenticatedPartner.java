package fr.passerelle.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The partner a request was authenticated as. The API key filter puts it on the request; Camel's platform-http
 * consumer processes the exchange on another thread, so it is read from the request, not a thread-local.
 */
public final class AuthenticatedPartner {

    public static final String REQUEST_ATTRIBUTE = "passerelle.partnerId";

    private AuthenticatedPartner() {
    }

    public static Optional<String> of(HttpServletRequest request) {
        return Optional.ofNullable((String) request.getAttribute(REQUEST_ATTRIBUTE));
    }
}
