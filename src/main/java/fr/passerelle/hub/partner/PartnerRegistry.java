package fr.passerelle.hub.partner;

import fr.passerelle.hub.security.SecretHasher;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The partners the hub knows, loaded from configuration and written to the {@code partner} table at start-up
 * (credentials hashed). Other features hold foreign keys to that table.
 */
@Component
public class PartnerRegistry {

    private static final Logger log = LoggerFactory.getLogger(PartnerRegistry.class);

    private final Map<String, Partner> partners;
    private final Map<String, Duration> cadences;

    public PartnerRegistry(PartnerProperties properties, JdbcClient jdbc, TransactionTemplate transactions) {
        Map<String, Partner> loaded = new TreeMap<>();
        properties.partners().forEach((id, settings) -> {
            if (!id.matches("[a-z0-9][a-z0-9-]{1,62}")) {
                throw new IllegalStateException("passerelle.partners: partner id '" + id
                        + "' must be lower-case letters, digits and dashes");
            }
            if (settings.kind() == null) {
                throw new IllegalStateException("passerelle.partners." + id + ".kind is missing");
            }
            loaded.put(id, new Partner(id, settings.name(), settings.kind(), new HashSet<>(settings.inbound()),
                    settings.outbound()));
        });
        this.partners = Map.copyOf(loaded);
        Map<String, Duration> expected = new TreeMap<>();
        properties.partners().forEach((id, settings) -> {
            if (settings.expectedCadence() != null) {
                expected.put(id, settings.expectedCadence());
            }
        });
        this.cadences = Map.copyOf(expected);
        transactions.executeWithoutResult(status -> persist(properties, jdbc));
    }

    private void persist(PartnerProperties properties, JdbcClient jdbc) {
        partners.values().forEach(partner -> jdbc.sql("""
                        insert into partner (id, name, kind, inbound, outbound, updated_at)
                        values (:id, :name, :kind, :inbound, :outbound, now())
                        on conflict (id) do update set name = excluded.name, kind = excluded.kind,
                            inbound = excluded.inbound, outbound = excluded.outbound, updated_at = now(),
                            removed_at = null
                        """)
                .param("id", partner.id())
                .param("name", partner.name())
                .param("kind", partner.kind().name())
                .param("inbound", partner.inbound().stream().map(Enum::name).sorted().toArray(String[]::new))
                .param("outbound", partner.outbound() == null ? null : partner.outbound().name())
                .update());
        properties.partners().forEach((id, settings) -> {
            storeCredential(jdbc, id, "API_KEY", "CURRENT", settings.apiKey());
            String previous = settings.previousApiKey();
            storeCredential(jdbc, id, "API_KEY", "PREVIOUS", previous == null || previous.equals(settings.apiKey())
                    ? null : previous);
            storeCredential(jdbc, id, "SFTP_PASSWORD", "CURRENT", settings.sftpPassword());
        });
        revokeRemoved(jdbc);
    }

    /** SECURITY: a partner no longer configured keeps its history but no working credential. */
    private void revokeRemoved(JdbcClient jdbc) {
        String[] configured = partners.keySet().toArray(String[]::new);
        int revoked = jdbc.sql("delete from partner_credential where not (partner_id = any(:ids))")
                .param("ids", configured).update();
        int removed = jdbc.sql("update partner set removed_at = now() where not (id = any(:ids)) and removed_at is null")
                .param("ids", configured).update();
        if (revoked > 0 || removed > 0) {
            log.warn("{} partner(s) no longer configured: {} credential(s) revoked", removed, revoked);
        }
    }

    private static void storeCredential(JdbcClient jdbc, String partnerId, String kind, String slot, String secret) {
        if (secret == null || secret.isBlank()) {
            jdbc.sql("delete from partner_credential where partner_id = :p and kind = :k and slot = :s")
                    .param("p", partnerId).param("k", kind).param("s", slot).update();
            return;
        }
        String hash = SecretHasher.hash(secret);
        // The key of a finished rotation moves from one slot to the other: the lookup index allows it once.
        jdbc.sql("delete from partner_credential where partner_id = :p and kind = :k and secret_hash = :h and slot <> :s")
                .param("p", partnerId).param("k", kind).param("h", hash).param("s", slot).update();
        jdbc.sql("""
                        insert into partner_credential (partner_id, kind, slot, secret_hash) values (:p, :k, :s, :h)
                        on conflict (partner_id, kind, slot) do update set secret_hash = excluded.secret_hash,
                            created_at = case when partner_credential.secret_hash = excluded.secret_hash
                                              then partner_credential.created_at else now() end
                        """)
                .param("p", partnerId).param("k", kind).param("s", slot).param("h", hash)
                .update();
    }

    public Optional<Partner> find(String partnerId) {
        return Optional.ofNullable(partners.get(partnerId));
    }

    public Partner get(String partnerId) {
        return find(partnerId).orElseThrow(() -> new IllegalArgumentException("unknown partner " + partnerId));
    }

    /** The longest the partner may stay silent before operators are alerted ({@code expected-cadence}); empty: never. */
    public Optional<Duration> expectedCadence(String partnerId) {
        return Optional.ofNullable(cadences.get(partnerId));
    }

    public Collection<Partner> all() {
        return partners.values();
    }
}
