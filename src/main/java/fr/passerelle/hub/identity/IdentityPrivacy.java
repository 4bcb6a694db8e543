package fr.passerelle.hub.identity;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SPEC §7, identity's part of the person's rights: the matching keys (folded names, birth date, phones) and the
 * evidence of reviews are personal; an anonymised person can no longer be matched, so both go. Decisions (merges,
 * reviews, distinct pairs) stay as bare facts.
 */
@Component
public class IdentityPrivacy {

    private final JdbcClient jdbc;

    public IdentityPrivacy(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, Object> export(List<UUID> beneficiaryRows) {
        UUID[] rows = beneficiaryRows.toArray(UUID[]::new);
        return Map.of("reviews", jdbc.sql("""
                        select id, referral_id as "referralId", beneficiary_id as "beneficiaryId",
                            candidate_id as "candidateId", score, explanation::text as explanation, status,
                            created_at as "createdAt", decided_by as "decidedBy", decided_at as "decidedAt"
                        from identity_review where beneficiary_id = any(:b) or candidate_id = any(:b) order by created_at
                        """).param("b", rows).query().listOfRows(),
                "merges", jdbc.sql("""
                        select id, survivor_id as "survivorId", absorbed_id as "absorbedId", reason, score,
                            decided_by as "decidedBy", merged_at as "mergedAt", undone_by as "undoneBy",
                            undone_at as "undoneAt"
                        from beneficiary_merge where survivor_id = any(:b) or absorbed_id = any(:b) order by merged_at
                        """).param("b", rows).query().listOfRows());
    }

    public void anonymise(List<UUID> beneficiaryRows) {
        UUID[] rows = beneficiaryRows.toArray(UUID[]::new);
        jdbc.sql("delete from beneficiary_match_key where beneficiary_id = any(:b)").param("b", rows).update();
        jdbc.sql("""
                        update identity_review set explanation = '{}'::jsonb,
                            status = case when status = 'PENDING' then 'OBSOLETE' else status end
                        where beneficiary_id = any(:b) or candidate_id = any(:b)
                        """).param("b", rows).update();
    }
}
