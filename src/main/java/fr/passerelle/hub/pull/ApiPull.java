package fr.passerelle.hub.pull;

import fr.passerelle.hub.correlation.MessageKeys;
import fr.passerelle.hub.intake.MessageOutcome;
import fr.passerelle.hub.intake.IntakeSource;
import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.intake.PayloadOutcome;
import fr.passerelle.hub.intake.RawMessage;
import fr.passerelle.hub.intake.RawMessageStore;
import fr.passerelle.hub.partner.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The steps of a pulled dossiers-API run, called from the feed's route (see {@code routes/ml-val-orge-api-pull.yaml}):
 * start from the stored checkpoint, fetch each page, store it through {@link PayloadIntake}, and advance the
 * checkpoint only once every page of the run is stored. A run stopped half-way is simply run again; pages already
 * stored are recognised by name and digest.
 */
@Component
public class ApiPull {

    /** Exchange properties the feed's route sets before {@link #start}. */
    public static final String FEED = "feed";

    private static final Logger log = LoggerFactory.getLogger(ApiPull.class);

    private final PullProperties properties;
    private final PullCheckpointStore checkpoints;
    private final PayloadIntake intake;
    private final RawMessageStore rawMessages;
    private final MeterRegistry meters;
    private final Map<String, PartnerApiClient> clients = new ConcurrentHashMap<>();

    public ApiPull(PullProperties properties, PullCheckpointStore checkpoints, PayloadIntake intake,
                   RawMessageStore rawMessages, MeterRegistry meters) {
        this.properties = properties;
        this.checkpoints = checkpoints;
        this.intake = intake;
        this.rawMessages = rawMessages;
        this.meters = meters;
    }

    public PullRun start(Exchange exchange) {
        String feedId = exchange.getProperty(FEED, String.class);
        String partnerId = exchange.getProperty(MessageKeys.PARTNER_ID, String.class);
        properties.apiFeed(feedId);
        intake.admit(partnerId, Channel.API_PULL);
        PullRun run = PullRun.begin(feedId, partnerId, exchange.getProperty(MessageKeys.MAPPING, String.class),
                exchange.getFromRouteId(), checkpoints.checkpoint(feedId).orElse(null));
        log.info("Pull of feed {} starts from checkpoint {}", feedId, run.checkpoint());
        return run;
    }

    /**
     * @throws TransientPullException the partner could not answer now (retried by the route)
     * @throws PullRejectedException  the partner refused or answered something unusable (journaled, not retried)
     */
    public PullRun fetchPage(PullRun run) {
        PullProperties.ApiFeed feed = properties.apiFeed(run.feedId());
        URI uri = DossiersApi.pageUri(feed.baseUrl(), run.checkpoint(), run.page(), feed.pageSize());
        PartnerApiClient.Answer answer = clients.computeIfAbsent(run.feedId(),
                        id -> new PartnerApiClient(feed.connectTimeout()))
                .get(uri, feed.token(), feed.readTimeout(), feed.maxPageSize().toBytes());
        switch (PartnerApiClient.classify(answer.status())) {
            case TRANSIENT -> throw new TransientPullException("HTTP_" + answer.status(),
                    "page " + run.page() + " : le partenaire répond " + answer.status());
            case REJECTED -> {
                String code = "HTTP_" + answer.status();
                journalRefusal(run, answer, code);
                throw new PullRejectedException(code, "page " + run.page() + " refusée par le partenaire ("
                        + answer.status() + ")");
            }
            default -> {
            }
        }
        if (answer.truncated()) {
            throw new PullRejectedException("PAGE_TROP_VOLUMINEUSE", "page " + run.page() + " au-delà de "
                    + feed.maxPageSize().toBytes() + " octets");
        }
        return run.withFetched(answer.body());
    }

    /**
     * Hands the page to intake (stored first, then each dossier on its own), then reads its paging and update
     * times. A page intake cannot read at all stops the run: it is already journaled, with a reject report.
     */
    public PullRun storePage(PullRun run) {
        String name = DossiersApi.pageName(run.checkpoint(), run.page());
        PayloadOutcome outcome = intake.receive(
                new IntakeSource(run.partnerId(), Channel.API_PULL.name(), run.routeId(), run.mappingId()),
                name, run.fetched());
        if (outcome.status() == MessageOutcome.REJECTED) {
            throw new PullRejectedException("PAGE_INUTILISABLE", "page " + run.page() + " : " + outcome.reason());
        }
        DossiersApi.PageSummary summary = DossiersApi.summarize(run.fetched());
        if (summary.page() != null && summary.page() != run.page()) {
            throw new PullRejectedException("PAGE_INATTENDUE", "page " + summary.page() + " reçue pour la page "
                    + run.page());
        }
        int maxPages = properties.apiFeed(run.feedId()).maxPages();
        if (summary.totalPages() > maxPages) {
            throw new PullRejectedException("TROP_DE_PAGES", summary.totalPages() + " pages annoncées, au plus "
                    + maxPages + " attendues");
        }
        if (summary.undated() > 0) {
            log.warn("Feed {} page {}: {} dossier(s) without a readable dateMiseAJour", run.feedId(), run.page(),
                    summary.undated());
        }
        meters.counter("passerelle.pull.pages", "partner", run.partnerId(), "channel", Channel.API_PULL.name(),
                "route", String.valueOf(run.routeId())).increment();
        log.info("Feed {} page {}/{} stored as inbound file {} ({})", run.feedId(), run.page(), summary.totalPages(),
                outcome.inboundFileId(), outcome.status());
        return run.afterStored(summary);
    }

    /** Every page of the run is stored: the checkpoint moves to the latest update seen. */
    public PullRun finish(PullRun run) {
        checkpoints.completeRun(run.feedId(), run.partnerId(), run.nextCheckpoint(),
                run.pagesStored() + " page(s)");
        meters.counter("passerelle.pull.runs", "partner", run.partnerId(), "channel", Channel.API_PULL.name(),
                "route", String.valueOf(run.routeId()), "outcome", "OK").increment();
        log.info("Pull of feed {} done: {} page(s), checkpoint {}", run.feedId(), run.pagesStored(),
                run.nextCheckpoint());
        return run;
    }

    /** SPEC §3 "nothing is lost": a refusal is kept like any answer, so operators see what the partner said. */
    private void journalRefusal(PullRun run, PartnerApiClient.Answer answer, String code) {
        RawMessage raw = rawMessages.store(run.partnerId(), Channel.API_PULL.name(),
                DossiersApi.pageName(run.checkpoint(), run.page()), answer.contentType(), answer.body());
        rawMessages.recordOutcome(raw.id(), MessageOutcome.REJECTED, code);
    }
}
