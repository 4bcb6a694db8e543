package fr.passerelle.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * The partner a request was authenticated as. The API key filter puts it on the request; Camel's platform-http
 * consumer processes the exchange on another thread, so it is read from the request, not a thread-local.
 */
public final class AuthenticatedPartner {

    public static final String REQUEST_ATTRIBUTE = "passerelle.partnerId";
    /** The login of the person behind the request, when a person (the programme team) rather than a system calls. */
    public static final String PERSON_ATTRIBUTE = "passerelle.person";

    private AuthenticatedPartner() {
    }

    public static Optional<String> of(HttpServletRequest request) {
        return Optional.ofNullable((String) request.getAttribute(REQUEST_ATTRIBUTE));
    }

    /** Who reads, for audits: the partner, or {@code <partner>/<login>} for a person of its team. */
    public static Optional<String> reader(HttpServletRequest request) {
        Object person = request.getAttribute(PERSON_ATTRIBUTE);
        return of(request).map(partner -> person == null ? partner : partner + "/" + person);
    }
}
