package fr.passerelle.hub.beneficiary;

import fr.passerelle.hub.security.DataProtector;
import fr.passerelle.hub.security.Resealable;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Re-seals the shared records' NIRs with the current data key, a batch per transaction. */
@Component
class BeneficiarySealing implements Resealable {

    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final DataProtector protector;
    private final TransactionTemplate transactions;

    BeneficiarySealing(JdbcClient jdbc, DataProtector protector, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.protector = protector;
        this.transactions = transactions;
    }

    @Override
    public String sealedColumns() {
        return "beneficiary.nir_sealed";
    }

    @Override
    public int resealWithCurrentKey() {
        byte[] prefix = protector.currentKeyPrefix();
        int total = 0;
        total += Resealable.inBatches(transactions, BATCH, status -> {
            List<Row> rows = jdbc.sql("""
                            select id, nir_sealed from beneficiary
                            where nir_sealed is not null and substring(nir_sealed from 1 for :n) <> :prefix
                            limit :batch for update""")
                    .param("n", prefix.length).param("prefix", prefix).param("batch", BATCH)
                    .query((rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getBytes("nir_sealed"))).list();
            rows.forEach(row -> jdbc.sql("update beneficiary set nir_sealed = :sealed where id = :id")
                    .param("sealed", protector.reseal(row.sealed(), BeneficiaryStore.nirBinding(row.id())))
                    .param("id", row.id()).update());
            return rows.size();
        });
        return total;
    }

    private record Row(UUID id, byte[] sealed) {
    }
}
