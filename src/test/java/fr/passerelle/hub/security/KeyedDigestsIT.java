package fr.passerelle.hub.security;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.referral.V24__KeyedReferralDigests;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 9, data at rest: a referral's digest (over content that includes the NIR) is keyed, and the rows digested
 * before the key existed are re-keyed by migration V24, on a real PostgreSQL migrated to V23 first.
 */
class KeyedDigestsIT {

    private static final String DATA_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String CONTENT = "{\"recordKey\":\"AILE-1\",\"identity\":{\"birthName\":\"Lucas\"}}|193092A07895670";

    @Test
    void referralDigestsStoredUnkeyedAreRekeyedByTheMigration() throws Exception {
        DataProtector protector = new DataProtector(new ProtectionProperties(DATA_KEY, "k1", java.util.List.of(), "index-key", "digest-key-one"));
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            DataSource database = postgres.getPostgresDatabase();
            Flyway.configure().dataSource(database).locations("classpath:db/migration").target("23").load().migrate();
            JdbcClient jdbc = JdbcClient.create(database);
            String unkeyed = Digests.sha256(CONTENT.getBytes(StandardCharsets.UTF_8));
            UUID raw = UUID.randomUUID();
            UUID referral = UUID.randomUUID();
            jdbc.sql("insert into partner (id, name, kind) values ('aile', 'AILE', 'ASSOCIATION')").update();
            jdbc.sql("""
                    insert into raw_message (id, partner_id, channel, digest_sha256, size_bytes, payload_sealed, correlation_id)
                    values (:id, 'aile', 'REST', 'x', 1, '\\x00', 'c')""").param("id", raw).update();
            jdbc.sql("""
                    insert into referral (id, partner_id, channel, record_key, status, content_digest, canonical)
                    values (:id, 'aile', 'REST', 'AILE-1', 'ACCEPTED', :digest, '{}')""")
                    .param("id", referral).param("digest", unkeyed).update();
            jdbc.sql("""
                    insert into referral_revision (referral_id, revision, raw_message_id, content_digest, canonical)
                    values (:id, 1, :raw, :digest, '{}')""")
                    .param("id", referral).param("raw", raw).param("digest", unkeyed).update();

            Flyway.configure().dataSource(database).locations("classpath:db/migration")
                    .javaMigrations(new V24__KeyedReferralDigests(protector)).load().migrate();

            String rekeyed = jdbc.sql("select content_digest from referral").query(String.class).single();
            assertThat(rekeyed).isNotEqualTo(unkeyed).isEqualTo(protector.contentDigest(CONTENT));
            assertThat(jdbc.sql("select content_digest from referral_revision").query(String.class).single())
                    .isEqualTo(rekeyed);
        }
        DataProtector otherKey = new DataProtector(new ProtectionProperties(DATA_KEY, "k1", java.util.List.of(), "index-key", "digest-key-two"));
        assertThat(otherKey.contentDigest(CONTENT)).as("without the key, the digest tests no guess")
                .isNotEqualTo(protector.contentDigest(CONTENT));
    }
}
