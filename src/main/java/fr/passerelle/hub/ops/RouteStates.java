package fr.passerelle.hub.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.springframework.stereotype.Component;

/**
 * Every Camel route with its state (Camel's route controller), its uptime, the exchanges in flight (Camel's inflight
 * repository) and the exchanges it completed and failed since start (camel-micrometer's route policy meters, tagged
 * {@code routeId}): no JMX involved. Routes are started or stopped through the route controller.
 */
@Component
class RouteStates {

    record RouteState(String id, String group, String state, String uptime, int inflight, Long exchanges, Long failed) {
    }

    private final CamelContext camel;
    private final MeterRegistry meters;

    RouteStates(CamelContext camel, MeterRegistry meters) {
        this.camel = camel;
        this.meters = meters;
    }

    List<RouteState> all() {
        return camel.getRoutes().stream().sorted(Comparator.comparing(Route::getRouteId))
                .map(route -> new RouteState(route.getRouteId(), route.getGroup(),
                        String.valueOf(camel.getRouteController().getRouteStatus(route.getRouteId())),
                        uptime(route.getUptimeMillis()), camel.getInflightRepository().size(route.getRouteId()),
                        count(route.getRouteId(), "camel.exchanges.total", "CamelExchangesTotal"),
                        count(route.getRouteId(), "camel.exchanges.failed", "CamelExchangesFailed")))
                .toList();
    }

    boolean exists(String routeId) {
        return camel.getRoute(routeId) != null;
    }

    void start(String routeId) throws Exception {
        camel.getRouteController().startRoute(routeId);
    }

    void stop(String routeId) throws Exception {
        camel.getRouteController().stopRoute(routeId);
    }

    boolean started(String routeId) {
        return camel.getRouteController().getRouteStatus(routeId) == ServiceStatus.Started;
    }

    // Counters or timers depending on the meter; null when the route policy does not measure this route.
    private Long count(String routeId, String... names) {
        for (String name : names) {
            Counter counter = meters.find(name).tag("routeId", routeId).counter();
            if (counter != null) {
                return (long) counter.count();
            }
            Timer timer = meters.find(name).tag("routeId", routeId).timer();
            if (timer != null) {
                return timer.count();
            }
        }
        return null;
    }

    private static String uptime(long millis) {
        if (millis <= 0) {
            return "—";
        }
        Duration uptime = Duration.ofMillis(millis);
        return uptime.toHours() > 0 ? uptime.toHours() + " h " + uptime.toMinutesPart() + " min"
                : uptime.toMinutes() + " min " + uptime.toSecondsPart() + " s";
    }
}
