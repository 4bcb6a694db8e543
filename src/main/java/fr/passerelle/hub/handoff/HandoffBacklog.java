package fr.passerelle.hub.handoff;

import fr.passerelle.hub.handoff.watch.HandoffAlerts;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Handoffs waiting for someone, per recipient partner ({@code none} for a referent outside the partner network),
 * for the operators' alerts: parked after their last attempt, and delivered but unacknowledged past their deadline.
 */
@Component
public class HandoffBacklog {

    public static final String NO_PARTNER = "none";

    private final JdbcClient jdbc;
    private final HandoffAlerts alerts;

    HandoffBacklog(JdbcClient jdbc, HandoffAlerts alerts) {
        this.jdbc = jdbc;
        this.alerts = alerts;
    }

    public Map<String, Long> parkedByPartner() {
        Map<String, Long> parked = new LinkedHashMap<>();
        jdbc.sql("""
                        select coalesce(recipient_partner_id, 'none') as partner, count(*) as n
                        from handoff where status = 'PARKED' group by 1 order by 1""")
                .query((rs, n) -> parked.put(rs.getString("partner"), rs.getLong("n"))).list();
        return parked;
    }

    public Map<String, Long> unacknowledgedPastDeadlineByPartner() {
        return alerts.overdueByPartner();
    }
}
