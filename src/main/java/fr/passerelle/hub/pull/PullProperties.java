package fr.passerelle.hub.pull;

import fr.passerelle.hub.retry.Retry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Feeds the hub pulls from partners ({@code passerelle.pull.*}). Schedules, SFTP endpoints and retry numbers are
 * read by the routes through {@code {{…}}} placeholders; what the Java side needs is bound here.
 *
 * @param retry        back-off of transient failures of every feed (routes/pull-errors.yaml reads the same keys)
 * @param api          dossiers APIs the hub pages through, by feed id (the feed's route says which partner and mapping)
 * @param maxFileSize largest file taken from a partner's SFTP server; larger ones are refused, not read
 * @param dataInclusion the data·inclusion API the referent directory is pulled from
 */
@ConfigurationProperties("passerelle.pull")
record PullProperties(Retry retry, Map<String, ApiFeed> api, DataSize maxFileSize, DataInclusionFeed dataInclusion) {

    public PullProperties {
        retry = retry == null ? new Retry(5, Duration.ofSeconds(2), 2.0, Duration.ofMinutes(1)) : retry;
        api = api == null ? Map.of() : Map.copyOf(api);
        maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(20) : maxFileSize;
        dataInclusion = dataInclusion == null
                ? new DataInclusionFeed(false, null, null, null, 0, 0, null, null, null) : dataInclusion;
    }

    /**
     * @param baseUrl     the API's root; pages are {@code GET <baseUrl>/structures} and {@code <baseUrl>/services}
     * @param token       bearer token data·inclusion issued to the hub (from the environment)
     * @param departement only the records of this département are asked for ({@code code_departement})
     * @param pageSize    records asked per page ({@code size})
     */
    public record DataInclusionFeed(boolean enabled, URI baseUrl, String token, String departement, int pageSize,
                                    int maxPages, Duration connectTimeout, Duration readTimeout,
                                    DataSize maxPageSize) {

        public DataInclusionFeed {
            pageSize = pageSize <= 0 ? 500 : pageSize;
            maxPages = maxPages <= 0 ? 200 : maxPages;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
            readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
            maxPageSize = maxPageSize == null ? DataSize.ofMegabytes(20) : maxPageSize;
        }
    }

    /**
     * @param baseUrl      the partner API's root; pages are {@code GET <baseUrl>/dossiers?…}
     * @param token        bearer token the partner issued to the hub
     * @param pageSize     dossiers asked per page
     * @param maxPages     a run announcing more pages than this is refused (a partner bug, not a backlog)
     * @param maxPageSize a larger answer is refused before it is read whole
     */
    public record ApiFeed(boolean enabled, URI baseUrl, String token, int pageSize, int maxPages,
                          Duration connectTimeout, Duration readTimeout, DataSize maxPageSize) {

        public ApiFeed {
            pageSize = pageSize <= 0 ? 50 : pageSize;
            maxPages = maxPages <= 0 ? 500 : maxPages;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
            readTimeout = readTimeout == null ? Duration.ofSeconds(60) : readTimeout;
            maxPageSize = maxPageSize == null ? DataSize.ofMegabytes(5) : maxPageSize;
        }
    }

    public ApiFeed apiFeed(String feedId) {
        ApiFeed feed = api.get(feedId);
        if (feed == null || feed.baseUrl() == null) {
            throw new IllegalStateException("passerelle.pull.api." + feedId + ".base-url is not configured");
        }
        return feed;
    }
}
