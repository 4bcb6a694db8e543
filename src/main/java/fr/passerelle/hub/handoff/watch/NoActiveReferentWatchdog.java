package fr.passerelle.hub.handoff.watch;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The "no active referent" watchdog (SPEC §5): a person nobody has shown a sign of following for
 * {@code no-active-referent-days} days raises the NO_ACTIVE_REFERENT trigger, routed by the rules file (rule
 * {@code no-active-referent} → the territory coordinator) through the outbox like any other fact.
 *
 * <p>A sign of follow-up is any of: the person's record created, a referral about them received or updated, a journey
 * event recorded, a referent of record assigned, a handoff about them acknowledged. A referent merely of record does
 * not count: referent periods are rarely closed, and one who has done nothing for that long is not active.
 *
 * <p>Once per silent period: the alert's key is the last activity and the number of whole periods since, written to
 * {@code no_active_referent_alert} in the same transaction as the handoff. A repeated or concurrent run finds the key
 * taken and routes nothing; a person still silent one period later is signalled again; any activity (the
 * coordinator acknowledging the alert included) starts a new count.
 */
@Component
public class NoActiveReferentWatchdog {

    private static final Logger log = LoggerFactory.getLogger(NoActiveReferentWatchdog.class);

    private final JdbcClient jdbc;
    private final WatchProperties settings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final Clock clock;

    public NoActiveReferentWatchdog(JdbcClient jdbc, WatchProperties settings, ApplicationEventPublisher events,
                                    PlatformTransactionManager transactionManager, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.meters = meters;
        this.clock = clock;
    }

    record Silent(UUID beneficiaryId, Instant lastActivityAt, int periods) {
    }

    /** Called by routes/handoff-watch.yaml. @return alerts raised by this run */
    public int run() {
        Instant now = Instant.now(clock);
        int raised = 0;
        List<Silent> batch;
        int raisedInBatch;
        do {
            batch = notYetSignalled(now);
            raisedInBatch = 0;
            for (Silent person : batch) {
                String key = person.beneficiaryId() + ":" + person.lastActivityAt().truncatedTo(ChronoUnit.MILLIS) + ":"
                        + person.periods();
                if (Boolean.TRUE.equals(transactions.execute(status -> raise(person, key)))) {
                    raised++;
                    raisedInBatch++;
                    meters.counter("passerelle.handoffs.no-active-referent", "route", "handoff-watch-no-active-referent")
                            .increment();
                    log.info("Beneficiary {} without sign of follow-up since {}: NO_ACTIVE_REFERENT raised",
                            person.beneficiaryId(), person.lastActivityAt());
                }
            }
        } while (batch.size() == settings.batchSize() && raisedInBatch > 0);
        return raised;
    }

    /**
     * The silent people not yet signalled for their current silent period, oldest silence first, one batch. Those
     * signalled are left out by the query itself, so each batch reaches people the previous one did not.
     */
    private List<Silent> notYetSignalled(Instant now) {
        long periodSeconds = Duration.ofDays(settings.noActiveReferentDays()).toSeconds();
        return jdbc.sql("""
                        select id, last_activity_at, periods from (
                            select id, last_activity_at,
                                cast(floor(extract(epoch from (cast(:now as timestamptz) - last_activity_at)) / :period) as integer)
                                    as periods
                            from (
                                select b.id, greatest(b.created_at,
                                    (select max(r.updated_at) from referral r where r.beneficiary_id = b.id),
                                    (select max(e.recorded_at) from journey_event e where e.beneficiary_id = b.id),
                                    (select max(br.since) from beneficiary_referent br where br.beneficiary_id = b.id),
                                    (select max(h.acknowledged_at) from handoff h where h.beneficiary_id = b.id)
                                ) as last_activity_at
                                from beneficiary b where b.status = 'ACTIVE') activity) silence
                        where periods >= 1
                          and not exists (select 1 from no_active_referent_alert a where a.beneficiary_id = silence.id
                                and a.last_activity_at = silence.last_activity_at and a.periods = silence.periods)
                        order by last_activity_at limit :limit
                        """)
                .param("now", Timestamp.from(now)).param("period", periodSeconds).param("limit", settings.batchSize())
                .query((rs, n) -> new Silent(rs.getObject("id", UUID.class), rs.getTimestamp("last_activity_at").toInstant(),
                        rs.getInt("periods")))
                .list();
    }

    private boolean raise(Silent person, String key) {
        boolean first = jdbc.sql("""
                        insert into no_active_referent_alert (beneficiary_id, period_key, last_activity_at, periods)
                        values (:b, :key, :last, :periods) on conflict do nothing
                        """)
                .param("b", person.beneficiaryId()).param("key", key).param("periods", person.periods())
                .param("last", Timestamp.from(person.lastActivityAt())).update() == 1;
        if (first) {
            events.publishEvent(new NoActiveReferentDetected(person.beneficiaryId(), key, person.lastActivityAt(),
                    settings.noActiveReferentDays()));
        }
        return first;
    }
}
