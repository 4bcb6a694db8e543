package fr.passerelle.hub.security;

import fr.passerelle.hub.correlation.Correlation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates partner systems by the {@code X-Api-Key} header (SPEC §2). */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";

    private final PartnerCredentials credentials;
    private final PartnerRateLimiter limiter;

    ApiKeyAuthenticationFilter(PartnerCredentials credentials, PartnerRateLimiter limiter) {
        this.credentials = credentials;
        this.limiter = limiter;
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
        }
        try (var ignored = Correlation.ofPartner(partnerId)) {
            long retryAfter = partnerId != null && request.getRequestURI().startsWith("/api/")
                    ? limiter.acquire(partnerId) : 0;
            if (retryAfter > 0) {
                tooManyRequests(response, retryAfter);
                return;
            }
            chain.doFilter(request, response);
        }
    }

    /** SECURITY: one partner's runaway client cannot starve the others; the answer says when to come back. */
    private static void tooManyRequests(HttpServletResponse response, long retryAfter) throws IOException {
        response.setStatus(429);
        response.setHeader("Retry-After", String.valueOf(retryAfter));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("""
                {"type":"urn:passerelle:problem:trop-de-requetes","title":"Trop de requêtes","status":429,\
                "code":"TROP_DE_REQUETES","detail":"limite de requêtes atteinte ; réessayez dans %d s"}"""
                .formatted(retryAfter));
    }
}
