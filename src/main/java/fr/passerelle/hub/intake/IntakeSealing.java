package fr.passerelle.hub.intake;

import fr.passerelle.hub.security.DataProtector;
import fr.passerelle.hub.security.Resealable;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-seals intake's sealed columns with the current data key, a batch per transaction: raw payloads, reject reports
 * and file records' cells. These values are sealed without a row binding (their stores seal before the row exists
 * and are shared with other work); the key id is in each value all the same.
 */
@Component
class IntakeSealing implements Resealable {

    private static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final DataProtector protector;
    private final TransactionTemplate transactions;

    IntakeSealing(JdbcClient jdbc, DataProtector protector, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.protector = protector;
        this.transactions = transactions;
    }

    @Override
    public String sealedColumns() {
        return "raw_message.payload_sealed, inbound_file.report_sealed, inbound_record.cells_sealed";
    }

    @Override
    public int resealWithCurrentKey() {
        return byId("raw_message", "payload_sealed") + byId("inbound_file", "report_sealed") + records();
    }

    // Table and column names are this class's constants, never input.
    private int byId(String table, String column) {
        byte[] prefix = protector.currentKeyPrefix();
        int total = 0;
        total += Resealable.inBatches(transactions, BATCH, status -> {
            List<Row> rows = jdbc.sql("select id, " + column + " as sealed from " + table + " where " + column
                            + " is not null and substring(" + column + " from 1 for :n) <> :prefix limit :batch for update")
                    .param("n", prefix.length).param("prefix", prefix).param("batch", BATCH)
                    .query((rs, n) -> new Row(rs.getObject("id", UUID.class), 0, rs.getBytes("sealed"))).list();
            rows.forEach(row -> jdbc.sql("update " + table + " set " + column + " = :sealed where id = :id")
                    .param("sealed", protector.reseal(row.sealed(), "")).param("id", row.id()).update());
            return rows.size();
        });
        return total;
    }

    private int records() {
        byte[] prefix = protector.currentKeyPrefix();
        int total = 0;
        total += Resealable.inBatches(transactions, BATCH, status -> {
            List<Row> rows = jdbc.sql("""
                            select inbound_file_id, position, cells_sealed from inbound_record
                            where cells_sealed is not null and substring(cells_sealed from 1 for :n) <> :prefix
                            limit :batch for update""")
                    .param("n", prefix.length).param("prefix", prefix).param("batch", BATCH)
                    .query((rs, n) -> new Row(rs.getObject("inbound_file_id", UUID.class), rs.getInt("position"),
                            rs.getBytes("cells_sealed"))).list();
            rows.forEach(row -> jdbc.sql("""
                            update inbound_record set cells_sealed = :sealed
                            where inbound_file_id = :id and position = :position""")
                    .param("sealed", protector.reseal(row.sealed(), "")).param("id", row.id())
                    .param("position", row.position()).update());
            return rows.size();
        });
        return total;
    }

    private record Row(UUID id, int position, byte[] sealed) {
    }
}
