package fr.passerelle.hub.referral;

import fr.passerelle.hub.security.DataProtector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * SECURITY: the migration that re-keys the referral digests stored before they were keyed: each unkeyed SHA-256
 * of a referral's content (NIR included) becomes {@link DataProtector#contentDigest} of the same content, computed
 * from the stored digest alone. A Java migration, not SQL, because the key must come from the environment
 * ({@code PASSERELLE_DIGEST_KEY}) and never sit in a migration file or Flyway's history; Spring Boot hands this bean
 * to Flyway, which runs it once, in order, in its transaction, like any versioned migration.
 */
@Component
public class V24__KeyedReferralDigests extends BaseJavaMigration {

    private final DataProtector protector;

    public V24__KeyedReferralDigests(DataProtector protector) {
        this.protector = protector;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        rekey(connection, "select referral_id, revision, content_digest from referral_revision",
                "update referral_revision set content_digest = ? where referral_id = ? and revision = ?", true);
        rekey(connection, "select id, content_digest from referral",
                "update referral set content_digest = ? where id = ?", false);
    }

    private void rekey(Connection connection, String select, String update, boolean revision) throws SQLException {
        try (PreparedStatement rows = connection.prepareStatement(select);
             ResultSet rs = rows.executeQuery();
             PreparedStatement write = connection.prepareStatement(update)) {
            int pending = 0;
            while (rs.next()) {
                write.setString(1, protector.keyedDigest(rs.getString("content_digest")));
                write.setObject(2, rs.getObject(1));
                if (revision) {
                    write.setInt(3, rs.getInt("revision"));
                }
                write.addBatch();
                if (++pending == 500) {
                    write.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                write.executeBatch();
            }
        }
    }
}
