package fr.passerelle.hub.failure;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every failure a channel answers is counted here, once, by partner, channel, route, code and kind
 * ({@code passerelle.failures}); one the hub is at fault for is also logged, by exception type only: a message may
 * quote partner data.
 */
@Component
public class FailureMeter {

    private static final Logger log = LoggerFactory.getLogger(FailureMeter.class);

    private final MeterRegistry meters;

    public FailureMeter(MeterRegistry meters) {
        this.meters = meters;
    }

    public Failure observe(Throwable thrown, String partnerId, String channel, String routeId) {
        Failure failure = Failure.of(thrown);
        meters.counter("passerelle.failures", "partner", partnerId == null ? "unknown" : partnerId,
                "channel", channel, "route", String.valueOf(routeId), "code", failure.code(),
                "kind", failure.kind().name()).increment();
        if (failure.kind().hubAtFault()) {
            log.error("{} failure on route {}: {}", failure.kind(), routeId,
                    thrown == null ? "unknown" : thrown.getClass().getName());
        }
        return failure;
    }
}
