package fr.passerelle.hub.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * Operators' API (handoff replay): console logins over HTTP Basic, stateless, so no CSRF token is involved.
     * Ahead of the partner chain, which would otherwise claim every path under /api.
     */
    @Bean
    @Order(0)
    SecurityFilterChain operatorApi(HttpSecurity http) throws Exception {
        return http.securityMatcher("/api/v1/ops/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .anyRequest().hasAnyRole("OPERATOR", "ADMIN"))
                .httpBasic(basic -> basic.authenticationEntryPoint(operatorProblemEntryPoint()))
                .build();
    }

    /** Partner systems (REST under /api, SOAP under /services): stateless, one API key per partner. */
    @Bean
    @Order(1)
    SecurityFilterChain partnerApi(HttpSecurity http, PartnerCredentials credentials, ApiRateLimitProperties limits)
            throws Exception {
        PartnerRateLimiter limiter = new PartnerRateLimiter(limits.requestsPerMinute(), limits.burst(), System::nanoTime);
        // SOAP is served by CXF's servlet, not by Spring MVC's: as MVC patterns (what plain strings become here),
        // "/services/**" would never match it. Both paths are matched whole.
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return http.securityMatcher(new OrRequestMatcher(paths.matcher("/api/**"), paths.matcher("/services/**")))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(credentials, limiter), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        // Camel's platform-http answers asynchronously; the request was authorized on its way in.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        // The API's description and its page are public, like the WSDL (api/ApiContract, api/ApiDocsPage).
                        .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.yaml").permitAll()
                        .requestMatchers("/api/docs", "/api/docs/**").permitAll()
                        // The programme published in data·inclusion's shape is open data (directory).
                        .requestMatchers(HttpMethod.GET, "/api/v1/directory/data-inclusion/**").permitAll()
                        .requestMatchers(SecurityConfiguration::isContractRequest).permitAll()
                        .anyRequest().hasRole("PARTNER"))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problemEntryPoint()))
                .build();
    }

    /** People: operators and administrators log in; health stays open for probes. */
    @Bean
    @Order(2)
    SecurityFilterChain people(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/error").permitAll()
                        // SECURITY: the referent page's signed, expiring link is its credential (handoff/referent).
                        .requestMatchers("/referent/handoffs/**").permitAll()
                        // The Prometheus scraper's own login reads the metrics and nothing else.
                        .requestMatchers("/actuator/prometheus").hasAnyRole("METRICS", "OPERATOR", "ADMIN")
                        .anyRequest().hasAnyRole("OPERATOR", "ADMIN"))
                .formLogin(form -> form.defaultSuccessUrl("/console", false))
                .httpBasic(Customizer.withDefaults())
                .build();
    }

    @Bean
    UserDetailsService consoleUsers(ConsoleProperties console) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(
                User.withUsername("operator").password(encoder.encode(console.operatorPassword()))
                        .roles("OPERATOR").build(),
                User.withUsername("admin").password(encoder.encode(console.adminPassword()))
                        .roles("ADMIN", "OPERATOR").build(),
                User.withUsername("metrics").password(encoder.encode(console.metricsPassword()))
                        .roles("METRICS").build());
    }

    /** The SOAP contract (WSDL and its schemas) is public; calls are not. */
    private static boolean isContractRequest(jakarta.servlet.http.HttpServletRequest request) {
        String query = request.getQueryString();
        return "GET".equals(request.getMethod()) && request.getRequestURI().startsWith("/services/") && query != null
                && (query.equalsIgnoreCase("wsdl") || query.toLowerCase().startsWith("xsd="));
    }

    /** The answer the API description promises (problem+json), with the Basic challenge clients expect. */
    private static AuthenticationEntryPoint operatorProblemEntryPoint() {
        return (request, response, exception) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Passerelle\"");
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("""
                    {"type":"about:blank","title":"Unauthorized","status":401,\
                    "detail":"Identifiants d'opérateur absents ou invalides (HTTP Basic)."}""");
        };
    }

    private static AuthenticationEntryPoint problemEntryPoint() {
        return (request, response, exception) -> {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("""
                    {"type":"about:blank","title":"Unauthorized","status":401,\
                    "detail":"Clé d'API absente ou inconnue (en-tête X-Api-Key)."}""");
        };
    }
}
