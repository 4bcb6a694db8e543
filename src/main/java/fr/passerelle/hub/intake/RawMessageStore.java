package fr.passerelle.hub.intake;

import fr.passerelle.hub.security.DataProtector;
import fr.passerelle.hub.security.Digests;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * SPEC §3 "nothing is lost": every payload is committed here before anything else happens, so a failure later
 * in the pipeline leaves it replayable.
 */
@Component
public class RawMessageStore {

    private final JdbcClient jdbc;
    private final DataProtector protector;

    public RawMessageStore(JdbcClient jdbc, DataProtector protector) {
        this.jdbc = jdbc;
        this.protector = protector;
    }

    /** Commits on its own when called outside a transaction; joins the caller's otherwise. */
    @Transactional
    public RawMessage store(String partnerId, String channel, String fileName, String contentType, byte[] payload) {
        UUID id = UUID.randomUUID();
        String digest = Digests.sha256(payload);
        Instant receivedAt = Instant.now();
        String correlationId = id.toString();
        jdbc.sql("""
                        insert into raw_message (id, partner_id, channel, received_at, file_name, content_type,
                            digest_sha256, size_bytes, payload_sealed, correlation_id)
                        values (:id, :partner, :channel, :at, :file, :type, :digest, :size, :payload, :cid)
                        """)
                .param("id", id).param("partner", partnerId).param("channel", channel)
                .param("at", java.sql.Timestamp.from(receivedAt)).param("file", fileName).param("type", contentType)
                .param("digest", digest).param("size", payload.length).param("payload", protector.seal(payload))
                .param("cid", correlationId)
                .update();
        return new RawMessage(id, partnerId, channel, receivedAt, fileName, contentType, digest, payload.length,
                correlationId);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordOutcome(UUID id, MessageOutcome outcome, String detail) {
        jdbc.sql("update raw_message set outcome = :o, outcome_detail = :d, processed_at = now() where id = :id")
                .param("o", outcome.name()).param("d", detail).param("id", id).update();
    }

    /**
     * What the journal needs to find a single-record message by its key and to run it again: the route and mapping
     * that read it, and the partner's record key once the mapping found it.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void describe(UUID id, String routeId, String mappingId, String recordKey) {
        jdbc.sql("update raw_message set route_id = :route, mapping_id = :mapping, record_key = :key where id = :id")
                .param("route", routeId).param("mapping", mappingId).param("key", recordKey).param("id", id).update();
    }

    /** The outcome of a message that became (or was again) a referral, that referral searchable by its id. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordOutcome(UUID id, MessageOutcome outcome, UUID referralId) {
        jdbc.sql("""
                        update raw_message set outcome = :o, outcome_detail = :d, referral_id = :r, processed_at = now()
                        where id = :id""")
                .param("o", outcome.name()).param("d", referralId.toString()).param("r", referralId).param("id", id)
                .update();
    }

    /**
     * A new run of a stored message: a new raw message holding the same sealed bytes, linked to the one it re-runs
     * ({@code replay_of}), so that each run keeps its own outcome in the journal.
     */
    @Transactional
    public UUID storeReplay(UUID originalId) {
        UUID id = UUID.randomUUID();
        int copied = jdbc.sql("""
                        insert into raw_message (id, partner_id, channel, received_at, file_name, content_type,
                            digest_sha256, size_bytes, payload_sealed, correlation_id, route_id, mapping_id, record_key,
                            replay_of)
                        select :id, partner_id, channel, now(), file_name, content_type, digest_sha256, size_bytes,
                            payload_sealed, :cid, route_id, mapping_id, record_key, id
                        from raw_message where id = :original""")
                .param("id", id).param("cid", id.toString()).param("original", originalId).update();
        if (copied != 1) {
            throw new IllegalStateException("raw message " + originalId + " vanished before its replay");
        }
        return id;
    }

    public Optional<byte[]> payload(UUID id) {
        // A body pruned by the retention tiers (IntakeRetention) is gone: empty, like an unknown message.
        return jdbc.sql("select payload_sealed from raw_message where id = :id and payload_pruned_at is null").param("id", id)
                .query(byte[].class).optional().map(protector::open);
    }

    public Optional<String> outcome(UUID id) {
        return jdbc.sql("select outcome from raw_message where id = :id").param("id", id)
                .query(String.class).optional();
    }
}
