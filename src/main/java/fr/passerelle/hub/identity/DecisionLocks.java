package fr.passerelle.hub.identity;

import fr.passerelle.hub.security.Digests;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HexFormat;
import java.util.TreeSet;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Serialises the identity decisions that can collide (issue "one person, one record whatever the order"). Two
 * referrals of one person decided at the same moment would each look for the other's record before it is
 * committed and both create one. Every key a decision reads or writes — blocking keys, NIR, France Travail id,
 * partner record key — is taken as a PostgreSQL advisory lock held until the transaction ends, so a decision that
 * shares a key with another waits for it and then sees its record. Decisions on unrelated people share no key and
 * run side by side. Locks are taken in one sorted pass, so two decisions never wait for each other in a cycle.
 * The lock ids are digests: pg_locks shows numbers, never a name or a birth date.
 */
@Component
class DecisionLocks {

    private final JdbcClient jdbc;

    DecisionLocks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Must run inside the transaction that makes the decision; the locks are released when it ends. */
    void lock(Collection<String> keys) {
        TreeSet<Long> ids = new TreeSet<>();
        keys.forEach(key -> ids.add(lockId(key)));
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("select count(pg_advisory_xact_lock(id)) from unnest(cast(:ids as bigint[])) with ordinality as l(id, n)")
                .param("ids", ids.toArray(Long[]::new))
                .query(Long.class).single();
    }

    static long lockId(String key) {
        byte[] digest = HexFormat.of().parseHex(Digests.sha256(("identity|" + key).getBytes(StandardCharsets.UTF_8)));
        long id = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            id = (id << 8) | (digest[i] & 0xff);
        }
        return id;
    }
}
