package fr.passerelle.hub.journal;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A real failure of the hub's own step, for one partner record key: while it is on, PostgreSQL refuses to store that
 * referral with a serialization failure (SQLSTATE 40001, transient: the hub keeps the message as FAILED for an
 * operator). Other keys are untouched, so tests sharing the database are not disturbed.
 */
final class FailingReferrals implements AutoCloseable {

    private final JdbcClient jdbc;
    private final String name;

    private FailingReferrals(JdbcClient jdbc, String recordKey) {
        if (!recordKey.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("record key used in SQL text: letters, digits and dashes only");
        }
        this.jdbc = jdbc;
        this.name = "journal_it_fail_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.sql("create function " + name + "() returns trigger language plpgsql as $$ begin "
                + "if upper(new.record_key) = upper('" + recordKey + "') then "
                + "raise exception 'base momentanément indisponible' using errcode = '40001'; end if; "
                + "return new; end $$").update();
        jdbc.sql("create trigger " + name + " before insert on referral for each row execute function " + name + "()")
                .update();
    }

    static FailingReferrals whileStoring(JdbcClient jdbc, String recordKey) {
        return new FailingReferrals(jdbc, recordKey);
    }

    @Override
    public void close() {
        jdbc.sql("drop trigger if exists " + name + " on referral").update();
        jdbc.sql("drop function if exists " + name + "()").update();
    }
}
