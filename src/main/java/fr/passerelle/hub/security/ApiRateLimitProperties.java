package fr.passerelle.hub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Requests each partner may make to the REST API: {@code requests-per-minute} on average, up to {@code burst} at
 * once. Beyond, 429 with {@code Retry-After}.
 */
@ConfigurationProperties("passerelle.api.rate-limit")
record ApiRateLimitProperties(int requestsPerMinute, int burst) {

    ApiRateLimitProperties {
        if (requestsPerMinute < 1 || burst < 1) {
            throw new IllegalArgumentException("passerelle.api.rate-limit: requests-per-minute and burst must be ≥ 1");
        }
    }
}
