package fr.passerelle.hub.journal;

import fr.passerelle.hub.partner.Partner;
import fr.passerelle.hub.partner.PartnerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Each partner's inbound feed as operators watch it, from the journal: last receipt, volumes today (Paris time) and
 * over 7 days, the share of those the hub failed on or refused, and the health of the partner's channels (its routes'
 * states, and its pulled feed's last run when it has one).
 */
@Component
public class PartnerFeeds {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** One partner's feed. {@code errorRate}: failed or rejected messages and rejected file records over 7 days. */
    public record Feed(String partnerId, String name, String inbound, Instant lastReceipt, int today, int sevenDays,
                       int failedSevenDays, int records7d, int rejectedRecords7d, Double errorRate,
                       List<String> routes, String health) {
    }

    private final PartnerRegistry partners;
    private final JdbcClient jdbc;
    private final CamelContext camel;
    private final HealthEndpoint health;
    private final Clock clock;

    PartnerFeeds(PartnerRegistry partners, JdbcClient jdbc, CamelContext camel, HealthEndpoint health, Clock clock) {
        this.partners = partners;
        this.jdbc = jdbc;
        this.camel = camel;
        this.health = health;
        this.clock = clock;
    }

    public List<Feed> all() {
        Instant now = clock.instant();
        Instant today = LocalDate.now(clock.withZone(PARIS)).atStartOfDay(PARIS).toInstant();
        Instant week = now.minus(Duration.ofDays(7));
        Map<String, Object> pulled = pulledFeeds();
        List<Feed> feeds = new ArrayList<>();
        for (Partner partner : partners.all().stream().sorted(Comparator.comparing(Partner::id)).toList()) {
            if (partner.inbound().isEmpty()) {
                continue;
            }
            var counts = jdbc.sql("""
                            select max(received_at) as last_at,
                                count(*) filter (where received_at >= :today) as today,
                                count(*) filter (where received_at >= :week) as week,
                                count(*) filter (where received_at >= :week and outcome in ('FAILED', 'REJECTED'))
                                    as failed,
                                count(*) filter (where received_at >= :week
                                    and (file_name is null or outcome in ('FAILED', 'REJECTED'))) as units
                            from raw_message where partner_id = :partner and replay_of is null""")
                    .param("partner", partner.id()).param("today", java.sql.Timestamp.from(today))
                    .param("week", java.sql.Timestamp.from(week))
                    .query((rs, row) -> new long[] {rs.getTimestamp("last_at") == null ? -1
                            : rs.getTimestamp("last_at").toInstant().toEpochMilli(), rs.getLong("today"),
                            rs.getLong("week"), rs.getLong("failed"), rs.getLong("units")})
                    .single();
            long[] records = jdbc.sql("""
                            select coalesce(sum(records_total), 0) as total, coalesce(sum(records_rejected), 0) as rejected
                            from inbound_file where partner_id = :partner and received_at >= :week""")
                    .param("partner", partner.id()).param("week", java.sql.Timestamp.from(week))
                    .query((rs, row) -> new long[] {rs.getLong("total"), rs.getLong("rejected")}).single();
            List<Route> partnerRoutes = camel.getRoutes().stream()
                    .filter(route -> route.getRouteId().startsWith(partner.id() + "-"))
                    .sorted(Comparator.comparing(Route::getRouteId)).toList();
            List<String> routes = partnerRoutes.stream().map(Route::getRouteId).toList();
            // A route configured not to start (a pulled feed off until its partner's server is set) is not a fault.
            List<String> stopped = partnerRoutes.stream().filter(route -> !Boolean.FALSE.equals(route.isAutoStartup()))
                    .map(Route::getRouteId)
                    .filter(id -> camel.getRouteController().getRouteStatus(id) != ServiceStatus.Started).toList();
            List<String> off = partnerRoutes.stream().filter(route -> Boolean.FALSE.equals(route.isAutoStartup()))
                    .map(Route::getRouteId).toList();
            String feedHealth = stopped.isEmpty() ? "OK" : "route(s) arrêtée(s) : " + String.join(", ", stopped);
            if (stopped.isEmpty() && !off.isEmpty()) {
                feedHealth = "OK (désactivé dans cette configuration : " + String.join(", ", off) + ")";
            }
            if (pulled.get(partner.id()) instanceof Map<?, ?> feed && !"UP".equals(String.valueOf(feed.get("status")))) {
                feedHealth = (stopped.isEmpty() ? "" : feedHealth + " ; ") + "relevé en échec ou jamais réussi";
            }
            // Units of work: a single-record message, a record of a file, or a file refused as a whole.
            long items = counts[4] + records[0];
            long bad = counts[3] + records[1];
            feeds.add(new Feed(partner.id(), partner.name(),
                    partner.inbound().stream().map(Enum::name).sorted().collect(Collectors.joining(", ")),
                    counts[0] < 0 ? null : Instant.ofEpochMilli(counts[0]), (int) counts[1], (int) counts[2],
                    (int) counts[3], (int) records[0], (int) records[1], items == 0 ? null : (double) bad / items,
                    routes, feedHealth));
        }
        return feeds;
    }

    private Map<String, Object> pulledFeeds() {
        HealthComponent component = health.healthForPath("pulledFeeds");
        return component instanceof Health feeds ? feeds.getDetails() : Map.of();
    }

}
