package fr.passerelle.hub.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.hub.directory.DataInclusionFeeds;
import fr.passerelle.hub.directory.DataInclusionImport;
import fr.passerelle.hub.directory.DataInclusionResource;
import fr.passerelle.hub.directory.ImportReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of a pulled data·inclusion run for one resource, called from {@code routes/data-inclusion-api-pull.yaml}:
 * start from the feed's checkpoint, fetch each page of the département's structures or services with the hub's
 * bearer token, hand its records to the directory ({@link DataInclusionImport}: each checked against the schema, a
 * bad one reported and skipped), and move the checkpoint to the latest {@code date_maj} once every page is applied.
 * data·inclusion's API has no "changed since" filter: every run pages through the département, and the records
 * older than the checkpoint are passed over without being written.
 */
@Component
public class DataInclusionPull {

    /** Exchange property the route sets before {@link #start}: {@code STRUCTURE} or {@code SERVICE}. */
    public static final String RESOURCE = "resource";

    private static final Logger log = LoggerFactory.getLogger(DataInclusionPull.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PullProperties properties;
    private final DataInclusionFeeds feeds;
    private final DataInclusionImport imports;
    private final MeterRegistry meters;
    private volatile PartnerApiClient client;

    public DataInclusionPull(PullProperties properties, DataInclusionFeeds feeds, DataInclusionImport imports,
                             MeterRegistry meters) {
        this.properties = properties;
        this.feeds = feeds;
        this.imports = imports;
        this.meters = meters;
    }

    public DataInclusionRun start(Exchange exchange) {
        DataInclusionResource resource = DataInclusionResource.valueOf(exchange.getProperty(RESOURCE, String.class));
        String feedId = feedId(resource);
        PullProperties.DataInclusionFeed feed = properties.dataInclusion();
        if (feed.baseUrl() == null || feed.token() == null || feed.token().isBlank() || feed.departement() == null) {
            throw new PullRejectedException("CONFIGURATION_INCOMPLETE",
                    "passerelle.pull.data-inclusion: base-url, token et departement sont nécessaires");
        }
        DataInclusionRun run = DataInclusionRun.begin(feedId, resource, exchange.getFromRouteId(),
                feeds.checkpoint(feedId).orElse(null));
        log.info("Pull of feed {} starts from checkpoint {}", feedId, run.checkpoint());
        return run;
    }

    /**
     * @throws TransientPullException data·inclusion could not answer now (retried by the route)
     * @throws PullRejectedException  it refused the hub or answered something unusable (not retried)
     */
    public DataInclusionRun fetchPage(DataInclusionRun run) {
        PullProperties.DataInclusionFeed feed = properties.dataInclusion();
        PartnerApiClient http = client;
        if (http == null) {
            http = new PartnerApiClient(feed.connectTimeout());
            client = http;
        }
        PartnerApiClient.Answer answer = http.get(pageUri(feed, run.resource(), run.page()), feed.token(),
                feed.readTimeout(), feed.maxPageSize().toBytes());
        switch (PartnerApiClient.classify(answer.status())) {
            case TRANSIENT -> throw new TransientPullException("HTTP_" + answer.status(),
                    "page " + run.page() + " : data·inclusion répond " + answer.status());
            case REJECTED -> throw new PullRejectedException("HTTP_" + answer.status(),
                    "page " + run.page() + " refusée par data·inclusion (" + answer.status() + ")");
            default -> {
            }
        }
        if (answer.truncated()) {
            throw new PullRejectedException("PAGE_TROP_VOLUMINEUSE", "page " + run.page() + " au-delà de "
                    + feed.maxPageSize().toBytes() + " octets");
        }
        return run.withFetched(answer.body());
    }

    /** The page's records go to the directory one by one; a page that is not a data·inclusion page stops the run. */
    public DataInclusionRun applyPage(DataInclusionRun run) {
        JsonNode page;
        try {
            page = JSON.readTree(run.fetched());
        } catch (IOException e) {
            throw new PullRejectedException("PAGE_INUTILISABLE", "page " + run.page() + " : JSON illisible");
        }
        JsonNode items = page == null ? null : page.get("items");
        JsonNode pages = page == null ? null : page.get("pages");
        if (items == null || !items.isArray() || pages == null || !pages.canConvertToInt()) {
            throw new PullRejectedException("PAGE_INUTILISABLE", "page " + run.page()
                    + " : ni items ni pages, ce n'est pas une page de l'API data·inclusion");
        }
        JsonNode number = page.get("page");
        if (number != null && number.canConvertToInt() && number.asInt() != run.page()) {
            throw new PullRejectedException("PAGE_INATTENDUE", "page " + number.asInt() + " reçue pour la page "
                    + run.page());
        }
        int maxPages = properties.dataInclusion().maxPages();
        if (pages.asInt() > maxPages) {
            throw new PullRejectedException("TROP_DE_PAGES", pages.asInt() + " pages annoncées, au plus "
                    + maxPages + " attendues");
        }
        List<JsonNode> records = new ArrayList<>();
        items.forEach(records::add);
        ImportReport report = imports.importRecords(run.feedId() + " page " + run.page(), run.resource(), records,
                run.checkpoint());
        meters.counter("passerelle.pull.pages", "partner", "data-inclusion", "channel", "API_PULL",
                "route", String.valueOf(run.routeId())).increment();
        return run.afterApplied(pages.asInt(), report.latestUpdate(), report.applied(), report.rejected().size());
    }

    /** Every page is applied: the checkpoint moves to the latest update seen. */
    public DataInclusionRun finish(DataInclusionRun run) {
        feeds.completeRun(run.feedId(), run.nextCheckpoint(), (run.page() - 1) + " page(s), " + run.applied()
                + " enregistrement(s) appliqué(s), " + run.rejected() + " refusé(s)");
        meters.counter("passerelle.pull.runs", "partner", "data-inclusion", "channel", "API_PULL",
                "route", String.valueOf(run.routeId()), "outcome", "OK").increment();
        log.info("Pull of feed {} done: {} page(s), {} applied, {} rejected, checkpoint {}", run.feedId(),
                run.page() - 1, run.applied(), run.rejected(), run.nextCheckpoint());
        return run;
    }

    static String feedId(DataInclusionResource resource) {
        return resource == DataInclusionResource.STRUCTURE ? "data-inclusion-structures" : "data-inclusion-services";
    }

    static URI pageUri(PullProperties.DataInclusionFeed feed, DataInclusionResource resource, int page) {
        String base = feed.baseUrl().toString();
        return URI.create((base.endsWith("/") ? base : base + "/")
                + (resource == DataInclusionResource.STRUCTURE ? "structures" : "services")
                + "?code_departement=" + URLEncoder.encode(feed.departement(), StandardCharsets.UTF_8)
                + "&page=" + page + "&size=" + feed.pageSize());
    }
}
