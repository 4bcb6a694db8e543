package fr.passerelle.hub.intake;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What partners sent lately, read from the intake journal for the operators' alerts: a partner's last receipt, its
 * records and errors since a time, and the messages the hub failed on (kept for an operator).
 */
@Component
public class IntakeActivity {

    private final JdbcClient jdbc;

    IntakeActivity(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** When the partner's last message (any channel) arrived; empty if it never sent one. */
    public Optional<Instant> lastReceipt(String partnerId) {
        return jdbc.sql("select received_at from raw_message where partner_id = :p order by received_at desc limit 1")
                .param("p", partnerId).query(Timestamp.class).optional().map(Timestamp::toInstant);
    }

    /**
     * Records the partner sent since {@code since} and how many of them were errors: a single message (REST, SOAP)
     * counts one record, an error if rejected or failed; a file counts its records, its rejected ones the errors,
     * and a file refused or failed as a whole counts one error. Duplicates and messages still in progress are left
     * out.
     */
    public Volume volumeSince(String partnerId, Instant since) {
        return jdbc.sql("""
                        select
                          coalesce(sum(case
                            when f.id is null then 1
                            when f.status = 'DONE' then coalesce(f.records_total, 0)
                            else 1 end), 0) as records,
                          coalesce(sum(case
                            when f.id is null then case when m.outcome in ('REJECTED', 'FAILED') then 1 else 0 end
                            when f.status = 'DONE' then coalesce(f.records_rejected, 0)
                            else 1 end), 0) as errors
                        from raw_message m left join inbound_file f on f.raw_message_id = m.id
                        where m.partner_id = :p and m.received_at >= :since
                          and m.outcome not in ('RECEIVED', 'DUPLICATE')
                          and (f.id is null or f.status in ('DONE', 'REJECTED') or m.outcome = 'FAILED')
                        """)
                .param("p", partnerId).param("since", Timestamp.from(since))
                .query((rs, n) -> new Volume(rs.getLong("records"), rs.getLong("errors"))).single();
    }

    /** Inbound messages the hub failed on, per partner, still waiting for an operator. */
    public Map<String, Long> failedMessages() {
        Map<String, Long> failed = new LinkedHashMap<>();
        jdbc.sql("select partner_id, count(*) as n from raw_message where outcome = 'FAILED' group by partner_id order by 1")
                .query((rs, n) -> failed.put(rs.getString("partner_id"), rs.getLong("n"))).list();
        return failed;
    }

    /** Records and the errors among them. */
    public record Volume(long records, long errors) {

        public double errorRate() {
            return records == 0 ? 0 : (double) errors / records;
        }
    }
}
