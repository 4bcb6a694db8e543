package fr.passerelle.hub.handoff;

import fr.passerelle.hub.correlation.Correlation;
import fr.passerelle.hub.handoff.channel.DeliveryException;
import fr.passerelle.hub.handoff.channel.HandoffChannel;
import fr.passerelle.hub.partner.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers due handoffs, at least once. Called on every tick of {@code routes/handoff-dispatch.yaml}: claims only
 * as many handoffs as it has free workers, and delivers each on its own worker with the channel's short timeouts,
 * so a recipient that hangs or fails never delays the others: an endpoint (partner and channel) has at most
 * {@code per-recipient} deliveries in flight and is not claimed again until they report back. Each failure pushes
 * the next attempt back exponentially, for that handoff and for the endpoint's other waiting handoffs (back-off per
 * recipient); after the last attempt the handoff is PARKED for an operator.
 * A worker that delivered claims the endpoint's next due handoff at once, up to {@code batch-size} in a row, then
 * gives its place back and wakes the dispatcher, so other endpoints compete for it at once: a backlog for one
 * recipient drains at the pace of the recipient, not one handoff per tick (docs/benchmarks.md). A transaction that
 * wrote handoffs wakes the dispatcher when it commits ({@link DispatchNudge}): a handoff leaves in milliseconds, not
 * at the next tick.
 * Handoffs whose channel has no implementation are never claimed: they wait, PENDING.
 */
@Component
public class HandoffDispatcher {

    private static final Logger log = LoggerFactory.getLogger(HandoffDispatcher.class);
    private static final String DISPATCH_ROUTE = "handoff-dispatch";

    private final HandoffOutbox outbox;
    private final HandoffProperties.Dispatch settings;
    private final Map<Channel, HandoffChannel> channels = new EnumMap<>(Channel.class);
    private final MeterRegistry meters;
    private final Clock clock;
    private final ExecutorService workers;
    private final DispatchNudge nudge;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<String> busyEndpoints = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> inFlightByEndpoint = new ConcurrentHashMap<>();

    public HandoffDispatcher(HandoffOutbox outbox, HandoffProperties properties, List<HandoffChannel> channels,
                             MeterRegistry meters, Clock clock, DispatchNudge nudge, CamelContext camel) {
        this.outbox = outbox;
        this.settings = properties.dispatch();
        channels.forEach(channel -> this.channels.put(channel.channel(), channel));
        this.meters = meters;
        this.clock = clock;
        AtomicInteger threads = new AtomicInteger();
        // Woken when handoffs commit, only while the dispatch route runs (stopped: no delivery at all).
        this.nudge = nudge;
        nudge.wake(() -> {
            if (camel.getRouteController().getRouteStatus(DISPATCH_ROUTE) == ServiceStatus.Started) {
                dispatchDue();
            }
        });
        this.workers = Executors.newFixedThreadPool(settings.parallelism(), runnable -> {
            Thread thread = new Thread(runnable, "handoff-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @return how many handoffs were claimed and handed to workers (one caller at a time: the tick or a wake-up) */
    public synchronized int dispatchDue() {
        int free = Math.min(settings.parallelism() - inFlight.get(), settings.batchSize());
        List<Handoff> claimed = outbox.claimDue(free, channels.keySet(), settings.claimLease(),
                settings.perRecipient(), Set.copyOf(busyEndpoints));
        for (Handoff handoff : claimed) {
            started(handoff);
            try {
                workers.execute(() -> {
                    boolean moreWaiting = false;
                    try {
                        Handoff next = handoff;
                        for (int delivered = 1; deliver(next) && !workers.isShutdown(); delivered++) {
                            if (delivered == settings.batchSize()) {
                                moreWaiting = true;
                                break;
                            }
                            next = outbox.claimNextFor(handoff.endpoint(), settings.claimLease()).orElse(null);
                            if (next == null) {
                                break;
                            }
                        }
                    } finally {
                        finished(handoff);
                    }
                    if (moreWaiting) {
                        // Its place given back, the endpoint competes again with the others now, not at the next tick.
                        nudge.wakeNow();
                    }
                });
            } catch (RuntimeException rejected) {
                // Shutting down: the claim lease expires and the handoff is due again on the next start.
                finished(handoff);
            }
        }
        return claimed.size();
    }

    private void started(Handoff handoff) {
        inFlight.incrementAndGet();
        inFlightByEndpoint.computeIfAbsent(handoff.endpoint(), key -> new AtomicInteger()).incrementAndGet();
        busyEndpoints.add(handoff.endpoint());
    }

    private void finished(Handoff handoff) {
        inFlightByEndpoint.computeIfPresent(handoff.endpoint(), (key, count) -> {
            if (count.decrementAndGet() > 0) {
                return count;
            }
            busyEndpoints.remove(key);
            return null;
        });
        inFlight.decrementAndGet();
    }

    /** @return whether it was delivered */
    boolean deliver(Handoff handoff) {
        HandoffChannel channel = channels.get(handoff.channel());
        long start = System.nanoTime();
        try (var ignored = Correlation.of(handoff.id(), handoff.recipientPartnerId())) {
            channel.deliver(handoff);
            long millis = elapsed(start);
            outbox.delivered(handoff.id(), handoff.attempts(), handoff.channel(), millis, null);
            count("passerelle.handoffs.delivered", handoff, null);
            // End to end: from the handoff's creation, in the transaction that accepted the message or event that
            // caused it, to its delivery (retries and back-off included).
            Timer.builder("passerelle.handoffs.latency").description("From receipt (handoff created) to delivery")
                    .tags("partner", handoff.recipientPartnerId() == null ? "none" : handoff.recipientPartnerId(),
                            "channel", handoff.channel().name(), "route", "handoff-dispatch", "outcome", "delivered")
                    .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                    .maximumExpectedValue(Duration.ofDays(2)).register(meters)
                    .record(Duration.between(handoff.createdAt(), Instant.now(clock)));
            log.info("Handoff {} delivered by {} (attempt {}, {} ms)", handoff.id(), handoff.channel(),
                    handoff.attempts(), millis);
            return true;
        } catch (DeliveryException e) {
            failed(handoff, e.code(), e.getMessage(), elapsed(start));
        } catch (RuntimeException e) {
            failed(handoff, "ERREUR_INTERNE", e.getClass().getSimpleName(), elapsed(start));
        }
        return false;
    }

    private void failed(Handoff handoff, String code, String detail, long millis) {
        boolean last = settings.retry().exhaustedAfter(handoff.attempts());
        Instant next = last ? null : Instant.now(clock).plus(settings.retry().delayBefore(handoff.attempts()));
        try {
            outbox.failed(handoff.id(), handoff.attempts(), handoff.channel(), millis, code, detail, next);
            if (next != null) {
                outbox.postponeEndpoint(handoff, next);
            }
        } catch (RuntimeException e) {
            // The claim lease brings the handoff back: nothing is lost if the database is briefly away.
            log.error("Handoff {}: failed attempt {} could not be recorded ({})", handoff.id(), handoff.attempts(),
                    e.getClass().getSimpleName());
            return;
        }
        count(last ? "passerelle.handoffs.parked" : "passerelle.handoffs.failed", handoff, code);
        if (last) {
            log.warn("Handoff {} PARKED after {} attempts by {}: {}", handoff.id(), handoff.attempts(),
                    handoff.channel(), code);
        } else {
            log.info("Handoff {} attempt {} by {} failed ({}), next at {}", handoff.id(), handoff.attempts(),
                    handoff.channel(), code, next);
        }
    }

    private void count(String name, Handoff handoff, String code) {
        meters.counter(name, "partner", handoff.recipientPartnerId() == null ? "none" : handoff.recipientPartnerId(),
                "channel", handoff.channel().name(), "route", "handoff-dispatch",
                "code", code == null ? "OK" : code).increment();
    }

    private static long elapsed(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        workers.shutdown();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
