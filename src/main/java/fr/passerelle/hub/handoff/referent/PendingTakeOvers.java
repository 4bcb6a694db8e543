package fr.passerelle.hub.handoff.referent;

import fr.passerelle.hub.canonical.ReferentContact;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Take-overs waiting for the new referent's confirmation ({@code referent_takeover}): the one who typed an e-mail
 * on the page is not trusted to own it; the take-over is applied only through the single-use link sent there.
 */
@Component
class PendingTakeOvers {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;

    PendingTakeOvers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record Pending(UUID handoffId, ReferentContact referent, Instant expiresAt) {
    }

    /** Who confirms a take-over: the new address, through the e-mailed link, or an operator. */
    enum Awaits { CONFIRMATION, OPERATOR }

    /** A take-over an operator is to approve or refuse. */
    record ForOperator(UUID id, UUID handoffId, ReferentContact referent, Instant requestedAt, Instant expiresAt) {
    }

    /**
     * A new pending take-over for the handoff and the named referent, valid until {@code expiresAt}; its
     * confirmation token (only e-mailed when it awaits the new address's confirmation).
     */
    String request(UUID handoffId, ReferentContact referent, Instant expiresAt, Awaits awaits) {
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        jdbc.sql("""
                        insert into referent_takeover (token_digest, handoff_id, first_name, last_name, email, phone,
                                                       structure, expires_at, awaits)
                        values (:digest, :handoff, :first, :last, :email, :phone, :structure, :expires, :awaits)
                        """)
                .param("digest", ReferentLinkToken.digest(token)).param("handoff", handoffId)
                .param("first", referent.firstName()).param("last", referent.lastName())
                .param("email", referent.email()).param("phone", referent.phone())
                .param("structure", referent.structure()).param("expires", Timestamp.from(expiresAt))
                .param("awaits", awaits.name()).update();
        return token;
    }

    /** True if a take-over of the handoff waits for confirmation (not confirmed, not expired). */
    boolean waiting(UUID handoffId) {
        return jdbc.sql("""
                        select count(*) from referent_takeover
                        where handoff_id = :handoff and confirmed_at is null and refused_at is null
                          and expires_at > :now
                        """)
                .param("handoff", handoffId).param("now", Timestamp.from(Instant.now(clock)))
                .query(Integer.class).single() > 0;
    }

    /**
     * The take-over a confirmation token names, without using it.
     *
     * @throws LinkRefusedException UNKNOWN if the hub never issued it or it was used already; EXPIRED past its expiry
     */
    Pending peek(String token) {
        return find(token, false);
    }

    /**
     * SECURITY: uses the token: the row is marked confirmed in the caller's transaction, so a second confirmation
     * (or a concurrent one, blocked on the row lock) finds it used and is refused.
     */
    Pending use(String token) {
        Pending pending = find(token, true);
        jdbc.sql("update referent_takeover set confirmed_at = :now where token_digest = :digest")
                .param("now", Timestamp.from(Instant.now(clock))).param("digest", ReferentLinkToken.digest(token))
                .update();
        return pending;
    }

    /** Take-overs waiting for an operator, oldest first. */
    java.util.List<ForOperator> forOperators() {
        return jdbc.sql("""
                        select id, handoff_id, first_name, last_name, email, phone, structure, requested_at, expires_at
                        from referent_takeover
                        where awaits = 'OPERATOR' and confirmed_at is null and refused_at is null and expires_at > :now
                        order by requested_at, id
                        """)
                .param("now", Timestamp.from(Instant.now(clock)))
                .query((rs, n) -> new ForOperator(rs.getObject("id", UUID.class), rs.getObject("handoff_id", UUID.class),
                        new ReferentContact(rs.getString("first_name"), rs.getString("last_name"),
                                rs.getString("email"), rs.getString("phone"), rs.getString("structure"), null),
                        rs.getTimestamp("requested_at").toInstant(), rs.getTimestamp("expires_at").toInstant()))
                .list();
    }

    /**
     * Records an operator's decision on a take-over still waiting for one (row locked in the caller's transaction);
     * empty if there is none by that id (unknown, decided already, or expired).
     */
    Optional<Pending> decide(UUID id, boolean approved, String operator) {
        Optional<Pending> pending = jdbc.sql("""
                        select handoff_id, first_name, last_name, email, phone, structure, expires_at
                        from referent_takeover
                        where id = :id and awaits = 'OPERATOR' and confirmed_at is null and refused_at is null
                          and expires_at > :now
                        for update
                        """)
                .param("id", id).param("now", Timestamp.from(Instant.now(clock)))
                .query((rs, n) -> new Pending(rs.getObject("handoff_id", UUID.class),
                        new ReferentContact(rs.getString("first_name"), rs.getString("last_name"),
                                rs.getString("email"), rs.getString("phone"), rs.getString("structure"), null),
                        rs.getTimestamp("expires_at").toInstant()))
                .optional();
        pending.ifPresent(found -> jdbc.sql("update referent_takeover set "
                        + (approved ? "confirmed_at" : "refused_at") + " = :now, decided_by = :operator where id = :id")
                .param("now", Timestamp.from(Instant.now(clock))).param("operator", operator).param("id", id)
                .update());
        return pending;
    }

    private Pending find(String token, boolean forUpdate) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            throw new LinkRefusedException(LinkRefusedException.Why.UNKNOWN);
        }
        Optional<Row> row = jdbc.sql("""
                        select handoff_id, first_name, last_name, email, phone, structure, expires_at, confirmed_at
                        from referent_takeover where token_digest = :digest and awaits = 'CONFIRMATION'
                        """ + (forUpdate ? " for update" : ""))
                .param("digest", ReferentLinkToken.digest(token))
                .query((rs, n) -> new Row(new Pending(rs.getObject("handoff_id", UUID.class),
                        new ReferentContact(rs.getString("first_name"), rs.getString("last_name"),
                                rs.getString("email"), rs.getString("phone"), rs.getString("structure"), null),
                        rs.getTimestamp("expires_at").toInstant()), rs.getTimestamp("confirmed_at") != null))
                .optional();
        if (row.isEmpty() || row.get().used()) {
            throw new LinkRefusedException(LinkRefusedException.Why.UNKNOWN);
        }
        if (!Instant.now(clock).isBefore(row.get().pending().expiresAt())) {
            throw new LinkRefusedException(LinkRefusedException.Why.EXPIRED);
        }
        return row.get().pending();
    }

    private record Row(Pending pending, boolean used) {
    }
}
