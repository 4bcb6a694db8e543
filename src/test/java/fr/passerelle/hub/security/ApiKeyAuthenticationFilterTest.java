package fr.passerelle.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.unit.DataSize;

class ApiKeyAuthenticationFilterTest {

    private final PartnerCredentials credentials = mock(PartnerCredentials.class);
    private final ApiKeyAuthenticationFilter filter = new ApiKeyAuthenticationFilter(credentials,
            new PartnerLimits(new ApiRateLimitProperties(new ApiRateLimitProperties.Rate(1, 2, Map.of()),
                    new ApiRateLimitProperties.Bulkhead(4), DataSize.ofMegabytes(1))), "ruche-itineraire");

    @AfterEach
    void clearContext() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void answers429WithRetryAfterOnceThePartnersBurstIsSpent() throws Exception {
        when(credentials.partnerForApiKey("demo-aile-key")).thenReturn(Optional.of("aile"));
        assertThat(call("/api/v1/referrals/x", "demo-aile-key").getStatus()).isEqualTo(200);
        assertThat(call("/api/v1/referrals/x", "demo-aile-key").getStatus()).isEqualTo(200);

        MockHttpServletResponse refused = call("/api/v1/referrals/x", "demo-aile-key");

        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(Long.parseLong(refused.getHeader("Retry-After"))).isBetween(1L, 120L);
        assertThat(refused.getContentType()).startsWith("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(refused.getContentAsString());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("code").asText()).isEqualTo("TROP_DE_REQUETES");
        assertThat(problem.get("type").asText()).isEqualTo("urn:passerelle:problem:trop-de-requetes");
    }

    @Test
    void limitsNeitherSoapCallsNorCallsWithoutAKnownKey() throws Exception {
        when(credentials.partnerForApiKey("demo-ft-91-key")).thenReturn(Optional.of("ft-91"));
        for (int i = 0; i < 5; i++) {
            assertThat(call("/services/orientation", "demo-ft-91-key").getStatus()).isEqualTo(200);
            assertThat(call("/api/v1/referrals/x", "unknown").getStatus()).isEqualTo(200);
        }
    }

    private MockHttpServletResponse call(String path, String apiKey) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.addHeader("X-Api-Key", apiKey);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        SecurityContextHolder.clearContext();
        return response;
    }
}
