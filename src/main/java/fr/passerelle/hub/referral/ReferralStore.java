package fr.passerelle.hub.referral;

import fr.passerelle.hub.canonical.CanonicalReferral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.security.DataProtector;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Referrals, one per partner record key (a unique key in PostgreSQL, not a check in Java). A changed payload for
 * the same key is a new revision of the same referral; the same payload again changes nothing.
 */
@Component
public class ReferralStore {

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final DataProtector protector;

    public ReferralStore(JdbcClient jdbc, ObjectMapper json, DataProtector protector) {
        this.jdbc = jdbc;
        this.json = json;
        this.protector = protector;
    }

    /** What recording a referral did: created it, revised it, or found it unchanged. */
    public record Recorded(UUID referralId, boolean created, boolean changed, int revision, ReferralStatus status) {
    }

    /**
     * The partner's current version of a record, locked until the transaction ends so that the revision checked is
     * the one replaced; empty for a record key never seen.
     */
    public Optional<CanonicalReferral> current(String partnerId, String recordKey) {
        return jdbc.sql("select id, canonical, nir_sealed from referral where partner_id = :partner and record_key = :key for update")
                .param("partner", partnerId).param("key", recordKey)
                                .query((rs, row) -> {
                    CanonicalReferral content = readCanonical(rs.getString("canonical"));
                    return content.withIdentity(content.identity().withNir(protector.openText(rs.getBytes("nir_sealed"),
                            nirBinding(rs.getObject("id", UUID.class)))));
                })
                .optional();
    }

    /** Must run inside the caller's transaction: the referral, its revision and its beneficiary link commit together. */
    public Recorded record(String partnerId, String channel, UUID rawMessageId, CanonicalReferral referral,
                           List<FieldIssue> warnings) {
        String canonical = canonicalJson(referral);
        String nir = referral.identity().nir();
        String digest = protector.contentDigest(canonical + "|" + (nir == null ? "" : nir));
        UUID newId = UUID.randomUUID();
        byte[] nirSealed = protector.sealText(nir, nirBinding(newId));
        Optional<UUID> inserted = jdbc.sql("""
                        insert into referral (id, partner_id, channel, record_key, status, programme, content_digest,
                            canonical, nir_sealed)
                        values (:id, :partner, :channel, :key, 'ACCEPTED', :programme, :digest, cast(:canonical as jsonb), :nir)
                        on conflict (partner_id, record_key) do nothing
                        returning id
                        """)
                .param("id", newId).param("partner", partnerId).param("channel", channel)
                .param("key", referral.recordKey()).param("programme", referral.programme())
                .param("digest", digest).param("canonical", canonical).param("nir", nirSealed)
                .query(UUID.class).optional();
        if (inserted.isPresent()) {
            addRevision(newId, 1, rawMessageId, digest, canonical, nirSealed, warnings);
            // Received then accepted, in one statement (ids in that order).
            jdbc.sql("""
                            insert into referral_status_history (referral_id, status, detail)
                            values (:id, 'RECEIVED', :received), (:id, 'ACCEPTED', null)""")
                    .param("id", newId).param("received", "reçue par " + channel).update();
            return new Recorded(newId, true, true, 1, ReferralStatus.ACCEPTED);
        }
        Existing existing = jdbc.sql("""
                        select id, content_digest, status from referral
                        where partner_id = :partner and record_key = :key for update
                        """)
                .param("partner", partnerId).param("key", referral.recordKey())
                .query((rs, row) -> new Existing(rs.getObject("id", UUID.class), rs.getString("content_digest"),
                        ReferralStatus.valueOf(rs.getString("status"))))
                .single();
        int revision = jdbc.sql("select max(revision) from referral_revision where referral_id = :id")
                .param("id", existing.id()).query(Integer.class).single();
        if (existing.digest().equals(digest)) {
            return new Recorded(existing.id(), false, false, revision, existing.status());
        }
        int next = revision + 1;
        nirSealed = protector.sealText(nir, nirBinding(existing.id()));
        jdbc.sql("""
                        update referral set content_digest = :digest, canonical = cast(:canonical as jsonb), nir_sealed = :nir,
                            programme = :programme, channel = :channel, updated_at = now()
                        where id = :id
                        """)
                .param("digest", digest).param("canonical", canonical).param("nir", nirSealed)
                .param("programme", referral.programme()).param("channel", channel).param("id", existing.id())
                .update();
        addRevision(existing.id(), next, rawMessageId, digest, canonical, nirSealed, warnings);
        history(existing.id(), existing.status(), "mise à jour par le partenaire (révision " + next + ")");
        return new Recorded(existing.id(), false, true, next, existing.status());
    }

    private record Existing(UUID id, String digest, ReferralStatus status) {
    }

    /**
     * SECURITY: a referral's sealed NIR (in {@code referral} and each {@code referral_revision}) is bound to the
     * referral: copied into another referral's row, it does not open.
     */
    public static String nirBinding(UUID referralId) {
        return "referral:" + referralId;
    }

    private void addRevision(UUID referralId, int revision, UUID rawMessageId, String digest, String canonical,
                             byte[] nirSealed, List<FieldIssue> warnings) {
        jdbc.sql("""
                        insert into referral_revision (referral_id, revision, raw_message_id, content_digest, canonical, nir_sealed)
                        values (:id, :rev, :raw, :digest, cast(:canonical as jsonb), :nir)
                        """)
                .param("id", referralId).param("rev", revision).param("raw", rawMessageId).param("digest", digest)
                .param("canonical", canonical).param("nir", nirSealed)
                .update();
        for (FieldIssue warning : warnings) {
            jdbc.sql("""
                            insert into referral_warning (referral_id, revision, field, code, message)
                            values (:id, :rev, :field, :code, :message)
                            """)
                    .param("id", referralId).param("rev", revision).param("field", warning.field())
                    .param("code", warning.code()).param("message", warning.message())
                    .update();
        }
    }

    public void linkBeneficiary(UUID referralId, UUID beneficiaryId) {
        jdbc.sql("update referral set beneficiary_id = :b, updated_at = now() where id = :id")
                .param("b", beneficiaryId).param("id", referralId).update();
    }

    /** The referrals a beneficiary record holds. */
    public List<UUID> referralsOf(UUID beneficiaryId) {
        return jdbc.sql("select id from referral where beneficiary_id = :id").param("id", beneficiaryId)
                .query(UUID.class).list();
    }

    /**
     * Moves referrals from one beneficiary record to another (a merge, or its undo): all of them, or only the given
     * ones when {@code only} is not null.
     */
    public void moveToBeneficiary(UUID from, UUID to, List<UUID> only) {
        var statement = jdbc.sql("update referral set beneficiary_id = :to, updated_at = updated_at where beneficiary_id = :from"
                + (only == null ? "" : " and id = any(:referrals)")).param("from", from).param("to", to);
        if (only != null) {
            statement = statement.param("referrals", only.toArray(UUID[]::new));
        }
        statement.update();
    }

    public void history(UUID referralId, ReferralStatus status, String detail) {
        jdbc.sql("insert into referral_status_history (referral_id, status, detail) values (:id, :status, :detail)")
                .param("id", referralId).param("status", status.name()).param("detail", detail).update();
    }

    /** The referral if {@code partnerId} sent it: another partner's referral does not exist for the caller. */
    public Optional<ReferralView> findForPartner(UUID referralId, String partnerId) {
        return jdbc.sql("""
                        select r.*, (select max(revision) from referral_revision v where v.referral_id = r.id) as revision
                        from referral r where r.id = :id and r.partner_id = :partner
                        """)
                .param("id", referralId).param("partner", partnerId)
                .query((rs, row) -> view(rs))
                .optional();
    }

    private ReferralView view(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        int revision = rs.getInt("revision");
        List<FieldIssue> warnings = jdbc.sql("""
                        select field, code, message from referral_warning where referral_id = :id and revision = :rev
                        """)
                .param("id", id).param("rev", revision)
                .query((w, n) -> new FieldIssue(w.getString("field"), w.getString("code"), w.getString("message")))
                .list();
        List<ReferralView.StatusChange> history = jdbc.sql("""
                        select status, at, detail from referral_status_history where referral_id = :id order by id
                        """)
                .param("id", id)
                .query((h, n) -> new ReferralView.StatusChange(ReferralStatus.valueOf(h.getString("status")),
                        h.getTimestamp("at").toInstant(), h.getString("detail")))
                .list();
        return new ReferralView(id, rs.getString("partner_id"), rs.getString("channel"), rs.getString("record_key"),
                ReferralStatus.valueOf(rs.getString("status")), rs.getObject("beneficiary_id", UUID.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), revision,
                rs.getBytes("nir_sealed") != null, warnings, history, readTree(rs.getString("canonical")));
    }

    private String canonicalJson(CanonicalReferral referral) {
        CanonicalReferral withoutNir = referral.withIdentity(referral.identity().withoutNir());
        try {
            return json.writeValueAsString(withoutNir);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("canonical referral not serializable", e);
        }
    }

    private CanonicalReferral readCanonical(String canonical) {
        try {
            return json.readValue(canonical, CanonicalReferral.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored canonical referral unreadable", e);
        }
    }

    private JsonNode readTree(String canonical) {
        try {
            return json.readTree(canonical);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored canonical referral unreadable", e);
        }
    }
}
