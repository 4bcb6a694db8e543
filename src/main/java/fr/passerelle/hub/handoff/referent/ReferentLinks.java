package fr.passerelle.hub.handoff.referent;

import fr.passerelle.hub.handoff.Handoff;
import fr.passerelle.hub.handoff.HandoffOutbox;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Issues and opens the single-purpose links of handoff e-mails. A link opens only the handoff it was issued for,
 * only for that handoff's recipient, only until it expires, and only if the hub issued it ({@code referent_link}
 * holds its digest, never the token).
 */
@Component
public class ReferentLinks {

    private final JdbcClient jdbc;
    private final HandoffOutbox outbox;
    private final ReferentPageProperties settings;
    private final byte[] key;
    private final Clock clock;

    public ReferentLinks(JdbcClient jdbc, HandoffOutbox outbox, ReferentPageProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.settings = settings;
        this.key = settings.linkKey().getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** A link sent to someone: where it points and until when it opens. */
    public record Issued(String token, String url, Instant expiresAt) {
    }

    public Issued issue(Handoff handoff) {
        return issue(handoff, Instant.now(clock).plus(settings.linkValidity()));
    }

    /**
     * Issued within the same second as an earlier link of the handoff, the token is that link's: its row then says
     * it was issued again now (renewals are counted by {@code issued_at}); a revoked one stays revoked.
     */
    public Issued issue(Handoff handoff, Instant expiresAt) {
        String token = ReferentLinkToken.sign(key, handoff.id(), handoff.recipientKey(), expiresAt);
        jdbc.sql("""
                        insert into referent_link (token_digest, handoff_id, recipient_key, expires_at)
                        values (:digest, :handoff, :recipient, :expires)
                        on conflict (token_digest) do update set issued_at = now()
                        """)
                .param("digest", ReferentLinkToken.digest(token)).param("handoff", handoff.id())
                .param("recipient", handoff.recipientKey()).param("expires", Timestamp.from(expiresAt))
                .update();
        return new Issued(token, settings.publicBaseUrl() + "/referent/handoffs/" + token, expiresAt);
    }

    /**
     * The handoff a link opens.
     *
     * @throws LinkRefusedException UNKNOWN for anything not issued by the hub for this handoff and its recipient
     *                              (checked before the expiry, so a forged expiry is unknown, not expired); EXPIRED
     *                              for a genuine link past its expiry
     */
    public Handoff open(String token) {
        ReferentLinkToken.Claims claims = ReferentLinkToken.parse(token)
                .orElseThrow(() -> new LinkRefusedException(LinkRefusedException.Why.UNKNOWN));
        Handoff handoff = outbox.find(claims.handoffId())
                .orElseThrow(() -> new LinkRefusedException(LinkRefusedException.Why.UNKNOWN));
        if (!ReferentLinkToken.signedFor(key, claims, handoff.recipientKey()) || !issued(token, handoff)) {
            throw new LinkRefusedException(LinkRefusedException.Why.UNKNOWN);
        }
        if (!Instant.now(clock).isBefore(claims.expiresAt())) {
            throw new LinkRefusedException(LinkRefusedException.Why.EXPIRED);
        }
        return handoff;
    }

    /**
     * The handoff a genuine link names once it has expired, for a new link to be sent to the address on file.
     *
     * @throws LinkRefusedException UNKNOWN for anything {@link #open} refuses as unknown, revoked links included
     * @throws ReferentActionException 409 while the link still opens its page
     */
    public Handoff openExpired(String token) {
        ReferentLinkToken.Claims claims = ReferentLinkToken.parse(token)
                .orElseThrow(() -> new LinkRefusedException(LinkRefusedException.Why.UNKNOWN));
        Handoff handoff = outbox.find(claims.handoffId())
                .orElseThrow(() -> new LinkRefusedException(LinkRefusedException.Why.UNKNOWN));
        if (!ReferentLinkToken.signedFor(key, claims, handoff.recipientKey()) || !issued(token, handoff)) {
            throw new LinkRefusedException(LinkRefusedException.Why.UNKNOWN);
        }
        if (Instant.now(clock).isBefore(claims.expiresAt())) {
            throw new ReferentActionException(409, "Ce lien est encore valable.");
        }
        return handoff;
    }

    /**
     * True if no link of the handoff was issued within {@code interval}. Locks the handoff's links until the
     * caller's transaction ends, so two requests at once send one link.
     */
    boolean renewable(java.util.UUID handoffId, java.time.Duration interval) {
        jdbc.sql("select token_digest from referent_link where handoff_id = :handoff for update")
                .param("handoff", handoffId).query(String.class).list();
        return jdbc.sql("select count(*) from referent_link where handoff_id = :handoff and issued_at > :since")
                .param("handoff", handoffId).param("since", Timestamp.from(Instant.now(clock).minus(interval)))
                .query(Integer.class).single() == 0;
    }

    /**
     * SECURITY: an operator's action: every link of the handoff stops opening at once, and a take-over waiting for
     * confirmation is dropped; the count of links revoked.
     */
    public int revokeAll(java.util.UUID handoffId) {
        // A take-over asked through a revoked link is not confirmed either.
        jdbc.sql("update referent_takeover set expires_at = now() where handoff_id = :handoff and confirmed_at is null")
                .param("handoff", handoffId).update();
        return jdbc.sql("update referent_link set revoked_at = now() where handoff_id = :handoff and revoked_at is null")
                .param("handoff", handoffId).update();
    }

    private boolean issued(String token, Handoff handoff) {
        return jdbc.sql("""
                        select count(*) from referent_link
                        where token_digest = :digest and handoff_id = :handoff and recipient_key = :recipient
                          and revoked_at is null
                        """)
                .param("digest", ReferentLinkToken.digest(token)).param("handoff", handoff.id())
                .param("recipient", handoff.recipientKey())
                .query(Integer.class).single() == 1;
    }
}
