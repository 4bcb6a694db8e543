package fr.passerelle.hub.security;

import java.util.Map;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What each partner may ask of the REST API. {@code rate-limit}: {@code requests-per-minute} on average, up to
 * {@code burst} at once; beyond, 429 with {@code Retry-After}. {@code bulkhead}: at most {@code max-concurrent} of its
 * requests in the hub at once (a slow upload holds its place until its body is read); beyond, 429 too.
 * {@code max-request-size}: the largest body of any request under /api or /services, refused before it is read.
 * {@code partners.<id>} overrides the rate for one partner.
 */
@ConfigurationProperties("passerelle.api")
record ApiRateLimitProperties(Rate rateLimit, Bulkhead bulkhead, DataSize maxRequestSize) {

    ApiRateLimitProperties {
        if (rateLimit == null) {
            throw new IllegalArgumentException("passerelle.api.rate-limit is missing");
        }
        bulkhead = bulkhead == null ? new Bulkhead(16) : bulkhead;
        maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(20) : maxRequestSize;
    }

    /** The rate of one partner: its own override, else the hub's. */
    PartnerRate rateOf(String partnerId) {
        return rateLimit.partners().getOrDefault(partnerId,
                new PartnerRate(rateLimit.requestsPerMinute(), rateLimit.burst()));
    }

    record Rate(int requestsPerMinute, int burst, Map<String, PartnerRate> partners) {
        Rate {
            new PartnerRate(requestsPerMinute, burst);
            partners = partners == null ? Map.of() : Map.copyOf(partners);
        }
    }

    record PartnerRate(int requestsPerMinute, int burst) {
        PartnerRate {
            if (requestsPerMinute < 1 || burst < 1) {
                throw new IllegalArgumentException("passerelle.api.rate-limit: requests-per-minute and burst must be ≥ 1");
            }
        }
    }

    record Bulkhead(int maxConcurrent) {
        Bulkhead {
            if (maxConcurrent < 1) {
                throw new IllegalArgumentException("passerelle.api.bulkhead.max-concurrent must be ≥ 1");
            }
        }
    }
}
