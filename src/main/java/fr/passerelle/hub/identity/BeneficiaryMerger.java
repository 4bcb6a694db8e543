package fr.passerelle.hub.identity;

import fr.passerelle.hub.beneficiary.BeneficiaryStore;
import fr.passerelle.hub.referral.ReferralStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Merges two records of one person, and undoes it. Nothing is copied or overwritten: the absorbed record's
 * referrals, identifiers, barriers and referents move to the survivor (each keeps the referral it came from), the
 * survivor's values are recomputed from all referrals, and the absorbed record remains as a tombstone. The merge
 * row lists the referrals that moved, which is what makes an exact unmerge possible.
 */
@Component
class BeneficiaryMerger {

    private final JdbcClient jdbc;
    private final BeneficiaryStore beneficiaries;
    private final ReferralStore referrals;
    private final MatchKeyStore matchKeys;
    private final ReviewQueue reviews;
    private final ApplicationEventPublisher events;

    public BeneficiaryMerger(JdbcClient jdbc, BeneficiaryStore beneficiaries, ReferralStore referrals,
                             MatchKeyStore matchKeys, ReviewQueue reviews, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.beneficiaries = beneficiaries;
        this.referrals = referrals;
        this.matchKeys = matchKeys;
        this.reviews = reviews;
        this.events = events;
    }

    public record Merge(UUID id, UUID survivorId, UUID absorbedId, List<UUID> referralIds, String reason, Double score,
                        String decidedBy, Instant mergedAt, String undoneBy, Instant undoneAt) {
    }

    @Transactional
    public UUID merge(UUID survivorId, UUID absorbedId, String reason, Double score, String decidedBy) {
        if (survivorId.equals(absorbedId)) {
            throw new IllegalArgumentException("a record cannot be merged into itself");
        }
        beneficiaries.lockActive(survivorId);
        beneficiaries.lockActive(absorbedId);
        List<UUID> moved = referrals.referralsOf(absorbedId);
        UUID mergeId = UUID.randomUUID();
        jdbc.sql("""
                        insert into beneficiary_merge (id, survivor_id, absorbed_id, referral_ids, reason, score, decided_by)
                        values (:id, :survivor, :absorbed, :referrals, :reason, :score, :by)
                        """)
                .param("id", mergeId).param("survivor", survivorId).param("absorbed", absorbedId)
                .param("referrals", moved.toArray(UUID[]::new)).param("reason", reason)
                .param("score", score == null ? null : BigDecimal.valueOf(score)).param("by", decidedBy)
                .update();
        move(absorbedId, survivorId, null);
        beneficiaries.markMerged(absorbedId, survivorId);
        matchKeys.clear(absorbedId);
        matchKeys.replace(survivorId, beneficiaries.rebuild(survivorId));
        reviews.obsoleteFor(absorbedId);
        events.publishEvent(new BeneficiariesMerged(mergeId, survivorId, absorbedId, false));
        return mergeId;
    }

    /** Reverses a merge exactly: what came with the absorbed record's referrals goes back to it. */
    @Transactional
    public void unmerge(UUID mergeId, String decidedBy) {
        Merge merge = find(mergeId).orElseThrow(() -> new IllegalArgumentException("no merge " + mergeId));
        if (merge.undoneAt() != null) {
            return;
        }
        beneficiaries.lockActive(merge.survivorId());
        move(merge.survivorId(), merge.absorbedId(), merge.referralIds());
        beneficiaries.reactivate(merge.absorbedId());
        jdbc.sql("update beneficiary_merge set undone_by = :by, undone_at = now() where id = :id")
                .param("by", decidedBy).param("id", mergeId).update();
        matchKeys.replace(merge.survivorId(), beneficiaries.rebuild(merge.survivorId()));
        var absorbedSources = beneficiaries.rebuild(merge.absorbedId());
        matchKeys.replace(merge.absorbedId(), absorbedSources);
        // A barrier both records held was kept once, on the survivor: the absorbed record gets its own back.
        absorbedSources.forEach(source -> beneficiaries.addBarriers(merge.absorbedId(), source.content(), source.referralId()));
        reviews.markDistinct(merge.survivorId(), merge.absorbedId(), decidedBy);
        events.publishEvent(new BeneficiariesMerged(mergeId, merge.survivorId(), merge.absorbedId(), true));
    }

    /** Referrals move with what came with them (identifiers, referents, barriers): all, or only the given ones. */
    private void move(UUID from, UUID to, List<UUID> onlyReferrals) {
        referrals.moveToBeneficiary(from, to, onlyReferrals);
        beneficiaries.moveReferralParts(from, to, onlyReferrals);
    }

    public Optional<Merge> find(UUID id) {
        return jdbc.sql("select * from beneficiary_merge where id = :id").param("id", id)
                .query((rs, n) -> merge(rs)).optional();
    }

    public List<Merge> recent(int limit) {
        return jdbc.sql("select * from beneficiary_merge order by merged_at desc limit :limit").param("limit", limit)
                .query((rs, n) -> merge(rs)).list();
    }

    private static Merge merge(java.sql.ResultSet rs) throws java.sql.SQLException {
        UUID[] referrals = (UUID[]) rs.getArray("referral_ids").getArray();
        BigDecimal score = rs.getBigDecimal("score");
        return new Merge(rs.getObject("id", UUID.class), rs.getObject("survivor_id", UUID.class),
                rs.getObject("absorbed_id", UUID.class), Arrays.asList(referrals), rs.getString("reason"),
                score == null ? null : score.doubleValue(), rs.getString("decided_by"),
                rs.getTimestamp("merged_at").toInstant(), rs.getString("undone_by"),
                rs.getTimestamp("undone_at") == null ? null : rs.getTimestamp("undone_at").toInstant());
    }
}
