package fr.passerelle.hub.pull;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code pulledFeeds}: each enabled API feed is {@code DOWN} until its first good run and after a
 * run that failed (a run is recorded failed only once its retries are spent), {@code UP} after a good one; the
 * detail gives operators the last run, its outcome and the checkpoint. A partner's server away is an optional peer
 * broken: the component is then {@code DEGRADED}, never the hub down, and partners' pushes go on. The France
 * Travail SFTP feed is a Camel consumer: Camel's own consumer check reports it.
 */
@Component("pulledFeedsHealthIndicator")
class PulledFeedsHealth extends AbstractHealthIndicator {

    private static final Status DEGRADED = new Status("DEGRADED", "un flux relevé ne répond pas");

    private final PullProperties properties;
    private final PullCheckpointStore checkpoints;

    PulledFeedsHealth(PullProperties properties, PullCheckpointStore checkpoints) {
        super("pulled feeds check failed");
        this.properties = properties;
        this.checkpoints = checkpoints;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean anyDown = false;
        Map<String, Object> feeds = new LinkedHashMap<>();
        for (var feed : properties.api().entrySet()) {
            if (!feed.getValue().enabled()) {
                continue;
            }
            Optional<PullCheckpointStore.FeedState> state = checkpoints.state(feed.getKey());
            boolean up = state.map(s -> "OK".equals(s.lastRunOutcome())).orElse(false);
            anyDown |= !up;
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("status", up ? Status.UP.getCode() : Status.DOWN.getCode());
            state.ifPresentOrElse(s -> {
                detail.put("lastRunAt", String.valueOf(s.lastRunAt()));
                detail.put("lastRunOutcome", String.valueOf(s.lastRunOutcome()));
                detail.put("checkpoint", String.valueOf(s.checkpoint()));
            }, () -> detail.put("lastRunOutcome", "aucun relevé réussi depuis la mise en service"));
            feeds.put(feed.getKey(), detail);
        }
        builder.status(anyDown ? DEGRADED : Status.UP).withDetails(feeds);
    }
}
