package fr.passerelle.hub.journal;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A file that stops at one record, every time: while it is on, PostgreSQL refuses to journal that record's fate in
 * {@code inbound_record} with an internal error (SQLSTATE XX000, not transient), so the file's processing stops there
 * and stays unfinished, as after a crash on that record. Other keys are untouched.
 */
final class UnjournaledRecords implements AutoCloseable {

    private final JdbcClient jdbc;
    private final String name;

    private UnjournaledRecords(JdbcClient jdbc, String recordKey) {
        if (!recordKey.matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("record key used in SQL text: letters, digits and dashes only");
        }
        this.jdbc = jdbc;
        this.name = "journal_it_stop_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.sql("create function " + name + "() returns trigger language plpgsql as $$ begin "
                + "if upper(new.record_key) = upper('" + recordKey + "') then "
                + "raise exception 'journal du fichier en panne' using errcode = 'XX000'; end if; "
                + "return new; end $$").update();
        jdbc.sql("create trigger " + name + " before insert on inbound_record for each row execute function " + name
                + "()").update();
    }

    static UnjournaledRecords whileJournaling(JdbcClient jdbc, String recordKey) {
        return new UnjournaledRecords(jdbc, recordKey);
    }

    @Override
    public void close() {
        jdbc.sql("drop trigger if exists " + name + " on inbound_record").update();
        jdbc.sql("drop function if exists " + name + "()").update();
    }
}
