package fr.passerelle.hub.pull;

import fr.passerelle.hub.correlation.MessageKeys;
import fr.passerelle.hub.directory.DataInclusionFeeds;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What the {@code pull-errors} route configuration does with a failed run or file: one log line (ids and error
 * code only), a metric tagged partner, channel, route and reason, and, for an API feed, the run's outcome next to
 * its checkpoint for operators.
 */
@Component
public class PullFailures {

    private static final Logger log = LoggerFactory.getLogger(PullFailures.class);

    private final PullCheckpointStore checkpoints;
    private final DataInclusionFeeds feeds;
    private final MeterRegistry meters;

    public PullFailures(PullCheckpointStore checkpoints, DataInclusionFeeds feeds, MeterRegistry meters) {
        this.checkpoints = checkpoints;
        this.feeds = feeds;
        this.meters = meters;
    }

    /** Transient failure after the last retry: the next tick or poll tries again. */
    public void failed(Exchange exchange) {
        record(exchange, "FAILED");
    }

    /** The partner's answer or file cannot be used: journaled and reported, not retried. */
    public void rejected(Exchange exchange) {
        record(exchange, "REJECTED");
    }

    private void record(Exchange exchange, String outcome) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String code = code(failure);
        // SECURITY: only our own exceptions' messages are logged; others (database, SFTP library) may quote data.
        String detail = failure instanceof PullRejectedException || failure instanceof TransientPullException
                ? failure.getMessage() : code;
        String routeId = exchange.getFromRouteId();
        Object body = exchange.getIn().getBody();
        String partnerId = exchange.getProperty(MessageKeys.PARTNER_ID, String.class);
        String channel;
        if (body instanceof DataInclusionRun run) {
            channel = "API_PULL";
            partnerId = "data-inclusion";
            feeds.stoppedRun(run.feedId(), outcome, code + " : " + detail);
            log.warn("Pull of feed {} stopped at page {} ({}): {} — checkpoint kept at {}", run.feedId(), run.page(),
                    outcome, code, run.checkpoint());
        } else if (body instanceof PullRun run) {
            channel = "API_PULL";
            checkpoints.stoppedRun(run.feedId(), run.partnerId(), outcome, code + " : " + detail);
            log.warn("Pull of feed {} stopped at page {} ({}): {} — checkpoint kept at {}", run.feedId(), run.page(),
                    outcome, code, run.checkpoint());
        } else {
            channel = "SFTP_PULL";
            log.warn("Pulled file {} on route {} {}: {}", exchange.getIn().getHeader(Exchange.FILE_NAME_ONLY),
                    routeId, outcome, code);
        }
        meters.counter("passerelle.pull.failures", "partner", String.valueOf(partnerId), "channel", channel,
                "route", String.valueOf(routeId), "outcome", outcome, "reason", code).increment();
    }

    static String code(Throwable failure) {
        if (failure instanceof PullRejectedException rejected) {
            return rejected.code();
        }
        if (failure instanceof TransientPullException transientFailure) {
            return transientFailure.code();
        }
        return failure == null ? "INCONNU" : failure.getClass().getSimpleName();
    }
}
