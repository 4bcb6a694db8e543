package fr.passerelle.hub.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Holds the hub's storing of one partner record key until released: a trigger makes the insert of that referral wait
 * on an advisory lock this test holds on a connection of its own. A replay caught there stays under way, with no
 * timing involved; other keys are untouched.
 */
final class HeldReferrals implements AutoCloseable {

    private final JdbcClient jdbc;
    private final String name;
    private final long lock = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);
    private final Connection holder;

    private HeldReferrals(JdbcClient jdbc, DataSource dataSource, String recordKey) throws SQLException {
        if (!recordKey.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("record key used in SQL text: letters, digits and dashes only");
        }
        this.jdbc = jdbc;
        this.name = "journal_it_hold_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        this.holder = dataSource.getConnection();
        holder.setAutoCommit(true);
        try (Statement statement = holder.createStatement()) {
            statement.execute("select pg_advisory_lock(" + lock + ")");
        }
        jdbc.sql("create function " + name + "() returns trigger language plpgsql as $$ begin "
                + "if upper(new.record_key) = upper('" + recordKey + "') then "
                + "perform pg_advisory_xact_lock(" + lock + "); end if; "
                + "return new; end $$").update();
        jdbc.sql("create trigger " + name + " before insert on referral for each row execute function " + name + "()")
                .update();
    }

    static HeldReferrals whileStoring(JdbcClient jdbc, DataSource dataSource, String recordKey) throws SQLException {
        return new HeldReferrals(jdbc, dataSource, recordKey);
    }

    /** Lets the held insert go on. */
    void release() throws SQLException {
        if (!holder.isClosed()) {
            try (Statement statement = holder.createStatement()) {
                statement.execute("select pg_advisory_unlock(" + lock + ")");
            }
            holder.close();
        }
    }

    @Override
    public void close() throws SQLException {
        release();
        jdbc.sql("drop trigger if exists " + name + " on referral").update();
        jdbc.sql("drop function if exists " + name + "()").update();
    }
}
