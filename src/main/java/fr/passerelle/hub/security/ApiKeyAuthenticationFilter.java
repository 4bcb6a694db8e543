package fr.passerelle.hub.security;

import fr.passerelle.hub.correlation.Correlation;
import io.github.resilience4j.bulkhead.Bulkhead;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates partner systems by the {@code X-Api-Key} header (SPEC §2), then holds each partner's REST calls to
 * its rate and its bulkhead ({@link PartnerLimits}).
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";

    private final PartnerCredentials credentials;
    private final PartnerLimits limits;
    private final String programmePartner;

    ApiKeyAuthenticationFilter(PartnerCredentials credentials, PartnerLimits limits, String programmePartner) {
        this.credentials = credentials;
        this.limits = limits;
        this.programmePartner = programmePartner;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String apiKey = request.getHeader(HEADER);
        String partnerId = apiKey == null ? null : credentials.partnerForApiKey(apiKey).orElse(null);
        if (partnerId != null) {
            request.setAttribute(AuthenticatedPartner.REQUEST_ATTRIBUTE, partnerId);
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken
                    .authenticated(partnerId, null, List.of(new SimpleGrantedAuthority("ROLE_PARTNER"))));
        } else if (isProgrammePerson(SecurityContextHolder.getContext().getAuthentication())) {
            // A person of the programme team, logged in: reads as the programme partner, audited under their name.
            partnerId = programmePartner;
            request.setAttribute(AuthenticatedPartner.REQUEST_ATTRIBUTE, partnerId);
            request.setAttribute(AuthenticatedPartner.PERSON_ATTRIBUTE,
                    SecurityContextHolder.getContext().getAuthentication().getName());
        }
        try (var ignored = Correlation.ofPartner(partnerId)) {
            if (partnerId == null || !request.getRequestURI().startsWith("/api/")) {
                chain.doFilter(request, response);
                return;
            }
            long retryAfter = limits.acquire(partnerId);
            if (retryAfter > 0) {
                Problems.tooManyRequests(response, retryAfter, "limite de requêtes atteinte ; réessayez dans "
                        + retryAfter + " s");
                return;
            }
            Optional<Bulkhead> place = limits.enter(partnerId);
            if (place.isEmpty()) {
                // SECURITY: one partner's slow uploads hold at most its own places, never the others' threads.
                Problems.tooManyRequests(response, 1, "trop de requêtes simultanées pour ce partenaire");
                return;
            }
            passThrough(request, response, chain, place.get());
        }
    }

    private static boolean isProgrammePerson(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated() && authentication.getAuthorities().stream()
                .anyMatch(authority -> "ROLE_PROGRAMME".equals(authority.getAuthority()));
    }

    /** The place is released when the request is over: at once, or when Camel's asynchronous answer completes. */
    private static void passThrough(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                                    Bulkhead place) throws ServletException, IOException {
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                place.onComplete();
            }
        };
        try {
            chain.doFilter(request, response);
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        release.run();
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                        release.run();
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                        release.run();
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                    }
                });
            } else {
                release.run();
            }
        }
    }
}
