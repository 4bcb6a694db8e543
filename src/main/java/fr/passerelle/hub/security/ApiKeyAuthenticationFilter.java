package fr.passerelle.hub.security;

import fr.passerelle.hub.correlation.Correlation;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/** Authenticates partner systems by the {@code X-Api-Key} header (SPEC §2). */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Api-Key";

    private final PartnerCredentials credentials;

    ApiKeyAuthenticationFilter(PartnerCredentials credentials) {
        this.credentials = credentials;
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
            chain.doFilter(request, response);
        }
    }
}
