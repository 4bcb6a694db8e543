package fr.passerelle.hub.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";

    /**
     * Operators' API (handoff replay): console logins over HTTP Basic, stateless, so no CSRF token is involved.
     * Ahead of the partner chain, which would otherwise claim every path under /api.
     */
    @Bean
    @Order(0)
    SecurityFilterChain operatorApi(HttpSecurity http, ApiRateLimitProperties limits) throws Exception {
        return http.securityMatcher("/api/v1/ops/**")
                .addFilterBefore(new RequestSizeLimit(limits.maxRequestSize().toBytes()), DisableEncodeUrlFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        // SECURITY: raw partner payloads are for administrators only (SPEC §6); the journal's
                        // metadata for every console role; replays and everything else for operators.
                        .requestMatchers("/api/v1/ops/journal/messages/*/payload").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/ops/journal", "/api/v1/ops/journal/**",
                                "/api/v1/ops/replay-jobs/*").hasRole("VIEWER")
                        .anyRequest().hasAnyRole("OPERATOR", "ADMIN"))
                .httpBasic(basic -> basic.authenticationEntryPoint(operatorProblemEntryPoint()))
                .exceptionHandling(errors -> errors.accessDeniedHandler(operatorForbidden()))
                .build();
    }

    /** Partner systems (REST under /api, SOAP under /services): stateless, one API key per partner. */
    @Bean
    @Order(1)
    SecurityFilterChain partnerApi(HttpSecurity http, PartnerCredentials credentials, ApiRateLimitProperties limits,
                                   ConsoleProperties console) throws Exception {
        PartnerLimits partnerLimits = new PartnerLimits(limits);
        // SOAP is served by CXF's servlet, not by Spring MVC's: as MVC patterns (what plain strings become here),
        // "/services/**" would never match it. Both paths are matched whole.
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        return http.securityMatcher(new OrRequestMatcher(paths.matcher("/api/**"), paths.matcher("/services/**")))
                .addFilterBefore(new RequestSizeLimit(limits.maxRequestSize().toBytes()), DisableEncodeUrlFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(credentials, partnerLimits, console.programmePartner()),
                        AnonymousAuthenticationFilter.class)
                // The programme team's people log in (HTTP Basic, role PROGRAMME) to read the shared record.
                .httpBasic(basic -> basic.authenticationEntryPoint(problemEntryPoint()))
                .authorizeHttpRequests(auth -> auth
                        // Camel's platform-http answers asynchronously; the request was authorized on its way in.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                        // The API's description and its page are public, like the WSDL (api/ApiContract, api/ApiDocsPage).
                        .requestMatchers("/api/v1/openapi.json", "/api/v1/openapi.yaml").permitAll()
                        .requestMatchers("/api/docs", "/api/docs/**").permitAll()
                        // The programme published in data·inclusion's shape is open data (directory).
                        .requestMatchers(HttpMethod.GET, "/api/v1/directory/data-inclusion/**").permitAll()
                        .requestMatchers(SecurityConfiguration::isContractRequest).permitAll()
                        // SECURITY: the orientation service takes a WS-Security UsernameToken in the envelope as well
                        // as X-Api-Key, so it authenticates its calls itself (soap/SoapAuthentication) and refuses
                        // one with neither by a SOAP fault. Only that service: any other under /services needs a key.
                        .requestMatchers(paths.matcher(HttpMethod.POST, "/services/orientation")).permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/beneficiaries", "/api/v1/beneficiaries/*")
                        .hasAnyRole("PARTNER", "PROGRAMME")
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
                        // SECURITY: likewise a take-over's single-use confirmation link, sent to the new referent.
                        .requestMatchers("/referent/takeovers/**").permitAll()
                        // Console roles (docs/operations.md): VIEWER reads metadata, OPERATOR also replays and
                        // reviews, ADMIN also reads raw payloads and starts or stops routes.
                        .requestMatchers("/console/journal/messages/*/payload").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/console/routes/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/console", "/console/journal", "/console/journal/**",
                                "/console/parked", "/console/replay-jobs/**", "/console/feeds", "/console/routes")
                        .hasRole("VIEWER")
                        // The Prometheus scraper's own login reads the metrics and nothing else.
                        .requestMatchers("/actuator/prometheus").hasAnyRole("METRICS", "OPERATOR", "ADMIN")
                        .anyRequest().hasAnyRole("OPERATOR", "ADMIN"))
                .formLogin(form -> form.defaultSuccessUrl("/console", false))
                .httpBasic(Customizer.withDefaults())
                // SECURITY: pages load only the hub's own resources (inline styles allowed, no script at all from
                // elsewhere), are never framed, leak no URL to other sites; HSTS is sent on HTTPS requests only
                // (behind a TLS proxy: server.forward-headers-strategy). CSRF stays on: every form carries the token.
                // No CORS configuration: browsers of other origins get no Access-Control-Allow-Origin.
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)))
                .build();
    }

    /** The people who log in, from the database, seeded from configuration (operator, admin, viewer, programme…). */
    @Bean
    UserDetailsService consoleUsers(JdbcClient jdbc, PasswordEncoder passwords, ConsoleProperties console,
                                    TransactionTemplate transactions) {
        return new OperatorAccounts(jdbc, passwords, console, transactions);
    }

    /**
     * SECURITY: Argon2id (Spring Security's v5.8 defaults: 16 MB, 2 iterations) for every new hash; hashes with
     * another id ({bcrypt}…) still verify and are replaced at the next start that seeds them.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        String argon2 = "argon2@SpringSecurity_v5_8";
        return new DelegatingPasswordEncoder(argon2, Map.of(
                argon2, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
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

    /** A console login without the role the operation needs (docs/operations.md): problem+json like the API's. */
    private static AccessDeniedHandler operatorForbidden() {
        return (request, response, exception) -> {
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write("""
                    {"type":"urn:passerelle:problem:acces-refuse","title":"Accès refusé","status":403,\
                    "code":"ACCES_REFUSE","detail":"Votre rôle ne permet pas cette opération."}""");
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
