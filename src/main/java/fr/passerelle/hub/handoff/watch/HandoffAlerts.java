package fr.passerelle.hub.handoff.watch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The operators' alert surface (SPEC §6: parked items, handoffs unacknowledged past their deadline), as gauges per
 * partner, channel and route that Prometheus alerting rules can watch:
 * {@code passerelle.handoffs.parked.waiting} (PARKED now, route handoff-dispatch) and
 * {@code passerelle.handoffs.unacknowledged.overdue} (DELIVERED and past the reminder deadline, route handoff-watch).
 * Refreshed on every tick of routes/handoff-watch.yaml.
 */
@Component
public class HandoffAlerts {

    private final JdbcClient jdbc;
    private final AcknowledgementWatch watch;
    private final MultiGauge parked;
    private final MultiGauge overdue;

    public HandoffAlerts(JdbcClient jdbc, AcknowledgementWatch watch, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.watch = watch;
        this.parked = MultiGauge.builder("passerelle.handoffs.parked.waiting")
                .description("Handoffs parked after their last attempt, waiting for an operator's replay")
                .register(meters);
        this.overdue = MultiGauge.builder("passerelle.handoffs.unacknowledged.overdue")
                .description("Handoffs delivered but not acknowledged past their reminder deadline")
                .register(meters);
    }

    public void refresh() {
        List<Map<String, Object>> parkedCounts = jdbc.sql("""
                        select coalesce(recipient_partner_id, 'none') as partner, channel, count(*) as n
                        from handoff where status = 'PARKED' group by 1, 2
                        """)
                .query().listOfRows();
        List<MultiGauge.Row<?>> parkedRows = new ArrayList<>();
        for (Map<String, Object> row : parkedCounts) {
            parkedRows.add(MultiGauge.Row.of(Tags.of("partner", (String) row.get("partner"),
                    "channel", (String) row.get("channel"), "route", "handoff-dispatch"), (Number) row.get("n")));
        }
        parked.register(parkedRows, true);
        Map<List<String>, Long> late = watch.overdue(false).stream().collect(Collectors.groupingBy(
                o -> List.of(o.partnerId() == null ? "none" : o.partnerId(), o.channel().name()), Collectors.counting()));
        List<MultiGauge.Row<?>> lateRows = new ArrayList<>();
        late.forEach((endpoint, count) -> lateRows.add(MultiGauge.Row.of(Tags.of("partner", endpoint.get(0),
                "channel", endpoint.get(1), "route", "handoff-watch"), count)));
        overdue.register(lateRows, true);
    }

    /** Delivered handoffs unacknowledged past their reminder deadline, per recipient partner ({@code none}). */
    public Map<String, Long> overdueByPartner() {
        return watch.overdue(false).stream().collect(Collectors.groupingBy(
                o -> o.partnerId() == null ? "none" : o.partnerId(), TreeMap::new, Collectors.counting()));
    }
}
