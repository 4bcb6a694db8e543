package fr.passerelle.hub.testsupport;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/** For tests that run the same arrivals several times on one hub of their own. */
public final class HubData {

    private HubData() {
    }

    /** Empties the hub of everything partners sent and what followed: the schema, partners and directory stay. */
    public static void forgetEveryReferral(JdbcClient jdbc) {
        List<String> tables = jdbc.sql("""
                        select tablename from pg_tables where schemaname = current_schema()
                        and tablename <> 'flyway_schema_history' and tablename not like 'partner%'
                        and tablename not like 'directory%'""")
                .query(String.class).list();
        jdbc.sql("truncate table " + String.join(", ", tables) + " cascade").update();
    }
}
