package fr.passerelle.hub.referral;

import fr.passerelle.hub.security.DataProtector;
import fr.passerelle.hub.security.Resealable;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Re-seals the referrals' NIRs (referral and its revisions) with the current data key, a batch per transaction. */
@Component
class ReferralSealing implements Resealable {

    private static final int BATCH = 200;

    private final JdbcClient jdbc;
    private final DataProtector protector;
    private final TransactionTemplate transactions;

    ReferralSealing(JdbcClient jdbc, DataProtector protector, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.protector = protector;
        this.transactions = transactions;
    }

    @Override
    public String sealedColumns() {
        return "referral.nir_sealed, referral_revision.nir_sealed";
    }

    @Override
    public int resealWithCurrentKey() {
        byte[] prefix = protector.currentKeyPrefix();
        int total = 0;
        total += Resealable.inBatches(transactions, BATCH, status -> {
            List<Row> rows = jdbc.sql("""
                            select referral_id, revision, nir_sealed from referral_revision
                            where nir_sealed is not null and substring(nir_sealed from 1 for :n) <> :prefix
                            limit :batch for update""")
                    .param("n", prefix.length).param("prefix", prefix).param("batch", BATCH)
                    .query((rs, n) -> new Row(rs.getObject("referral_id", UUID.class), rs.getInt("revision"),
                            rs.getBytes("nir_sealed"))).list();
            rows.forEach(row -> jdbc.sql("""
                            update referral_revision set nir_sealed = :sealed
                            where referral_id = :id and revision = :revision""")
                    .param("sealed", protector.reseal(row.sealed(), ReferralStore.nirBinding(row.referralId())))
                    .param("id", row.referralId()).param("revision", row.revision()).update());
            return rows.size();
        });
        total += Resealable.inBatches(transactions, BATCH, status -> {
            List<Row> rows = jdbc.sql("""
                            select id, nir_sealed from referral
                            where nir_sealed is not null and substring(nir_sealed from 1 for :n) <> :prefix
                            limit :batch for update""")
                    .param("n", prefix.length).param("prefix", prefix).param("batch", BATCH)
                    .query((rs, n) -> new Row(rs.getObject("id", UUID.class), 0, rs.getBytes("nir_sealed"))).list();
            rows.forEach(row -> jdbc.sql("update referral set nir_sealed = :sealed where id = :id")
                    .param("sealed", protector.reseal(row.sealed(), ReferralStore.nirBinding(row.referralId())))
                    .param("id", row.referralId()).update());
            return rows.size();
        });
        return total;
    }

    private record Row(UUID referralId, int revision, byte[] sealed) {
    }
}
