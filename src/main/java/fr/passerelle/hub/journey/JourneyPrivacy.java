package fr.passerelle.hub.journey;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SPEC §7, the journey's part of the person's rights: the events recorded about them, and their anonymisation.
 * Free text (eligibility or drop-out reason, barrier note, the referent assigned) goes; the type, dates, workshop
 * kind, barrier, eligibility and outcome stay, so that outcomes by programme and month stay correct.
 */
@Component
public class JourneyPrivacy {

    private final JdbcClient jdbc;

    public JourneyPrivacy(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Map<String, Object>> export(List<UUID> beneficiaryRows) {
        return jdbc.sql("""
                        select id, type, occurred_at as "occurredAt", recorded_at as "recordedAt",
                            recorded_by as "recordedBy", details::text as details
                        from journey_event where beneficiary_id = any(:b) order by seq
                        """).param("b", beneficiaryRows.toArray(UUID[]::new)).query().listOfRows();
    }

    public int anonymise(List<UUID> beneficiaryRows) {
        return jdbc.sql("update journey_event set details = details - 'reason' - 'note' - 'referent' "
                        + "where beneficiary_id = any(:b)")
                .param("b", beneficiaryRows.toArray(UUID[]::new)).update();
    }

    /** Whether anything happened on the journey of these people since {@code cutoff}: they are not inactive. */
    public List<UUID> activeSince(java.time.Instant cutoff) {
        return jdbc.sql("select distinct beneficiary_id from journey_event where recorded_at >= :cutoff")
                .param("cutoff", java.sql.Timestamp.from(cutoff)).query(UUID.class).list();
    }

    /** Programmes completed, by outcome and month of completion (Paris time). */
    public List<Map<String, Object>> completedByOutcomeAndMonth() {
        return jdbc.sql("""
                        select details->>'outcome' as outcome,
                            to_char(occurred_at at time zone 'Europe/Paris', 'YYYY-MM') as month, count(*) as people
                        from journey_event where type = 'PROGRAMME_COMPLETED' group by 1, 2 order by 2, 1
                        """).query().listOfRows();
    }
}
