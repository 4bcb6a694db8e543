package fr.passerelle.hub.testsupport;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** For tests that run the same arrivals several times on one hub of their own. */
public final class HubData {

    private HubData() {
    }

    /**
     * Empties the hub of everything partners sent and what followed: the schema, partners, directory and console
     * accounts stay. The hub's timers (deliveries, alerts, watch) keep running, so a truncation caught in a deadlock
     * with one of them is tried again.
     */
    public static void forgetEveryReferral(JdbcClient jdbc) {
        List<String> tables = jdbc.sql("""
                        select tablename from pg_tables where schemaname = current_schema()
                        and tablename <> 'flyway_schema_history' and tablename not like 'partner%'
                        and tablename not like 'directory%' and tablename <> 'operator_account'""")
                .query(String.class).list();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptionsInstanceOf(PessimisticLockingFailureException.class)
                .until(() -> jdbc.sql("truncate table " + String.join(", ", tables) + " cascade").update() >= 0);
    }
}
