package fr.passerelle.hub.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Uncertain matches waiting for an operator (table {@code identity_review}). A pair an operator declared distinct
 * is never proposed again.
 */
@Component
public class ReviewQueue {

    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public ReviewQueue(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record ReviewItem(UUID id, UUID referralId, UUID beneficiaryId, UUID candidateId, double score,
                             List<MatchScore.Evidence> evidence, String status, Instant createdAt, String decidedBy,
                             Instant decidedAt) {
    }

    public void propose(UUID referralId, UUID beneficiaryId, UUID candidateId, MatchScore score) {
        if (beneficiaryId.equals(candidateId) || knownDistinct(beneficiaryId, candidateId)) {
            return;
        }
        jdbc.sql("""
                        insert into identity_review (id, referral_id, beneficiary_id, candidate_id, score, explanation)
                        values (:id, :referral, :beneficiary, :candidate, :score, cast(:explanation as jsonb))
                        on conflict do nothing
                        """)
                .param("id", UUID.randomUUID()).param("referral", referralId).param("beneficiary", beneficiaryId)
                .param("candidate", candidateId).param("score", BigDecimal.valueOf(score.value()))
                .param("explanation", write(score.evidence()))
                .update();
    }

    public List<ReviewItem> pending() {
        return jdbc.sql("select * from identity_review where status = 'PENDING' order by created_at")
                .query((rs, n) -> item(rs)).list();
    }

    public Optional<ReviewItem> find(UUID id) {
        return jdbc.sql("select * from identity_review where id = :id").param("id", id).query((rs, n) -> item(rs)).optional();
    }

    /** Claims a pending item for a decision; empty when it was already decided (double click, two operators). */
    public Optional<ReviewItem> claim(UUID id) {
        return jdbc.sql("select * from identity_review where id = :id and status = 'PENDING' for update")
                .param("id", id).query((rs, n) -> item(rs)).optional();
    }

    public void decide(UUID id, String status, String operator) {
        jdbc.sql("update identity_review set status = :s, decided_by = :by, decided_at = now() where id = :id")
                .param("s", status).param("by", operator).param("id", id).update();
    }

    // PostgreSQL orders the pair: Java's UUID.compareTo compares signed halves and disagrees with it.
    public void markDistinct(UUID a, UUID b, String operator) {
        jdbc.sql("""
                        insert into identity_distinct_pair (first_id, second_id, decided_by)
                        values (least(cast(:a as uuid), cast(:b as uuid)), greatest(cast(:a as uuid), cast(:b as uuid)), :by)
                        on conflict do nothing
                        """)
                .param("a", a).param("b", b).param("by", operator).update();
    }

    public boolean knownDistinct(UUID a, UUID b) {
        return jdbc.sql("""
                        select count(*) from identity_distinct_pair
                        where first_id = least(cast(:a as uuid), cast(:b as uuid)) and second_id = greatest(cast(:a as uuid), cast(:b as uuid))
                        """)
                .param("a", a).param("b", b).query(Integer.class).single() > 0;
    }

    /** Pending items about a record that no longer exists on its own (merged) are obsolete. */
    public void obsoleteFor(UUID beneficiaryId) {
        jdbc.sql("""
                        update identity_review set status = 'OBSOLETE', decided_at = now()
                        where status = 'PENDING' and (beneficiary_id = :id or candidate_id = :id)
                        """)
                .param("id", beneficiaryId).update();
    }

    public int pendingCount() {
        return jdbc.sql("select count(*) from identity_review where status = 'PENDING'").query(Integer.class).single();
    }

    private ReviewItem item(java.sql.ResultSet rs) throws java.sql.SQLException {
        try {
            List<MatchScore.Evidence> evidence = List.of(json.readValue(rs.getString("explanation"), MatchScore.Evidence[].class));
            return new ReviewItem(rs.getObject("id", UUID.class), rs.getObject("referral_id", UUID.class),
                    rs.getObject("beneficiary_id", UUID.class), rs.getObject("candidate_id", UUID.class),
                    rs.getBigDecimal("score").doubleValue(), evidence, rs.getString("status"),
                    rs.getTimestamp("created_at").toInstant(), rs.getString("decided_by"),
                    rs.getTimestamp("decided_at") == null ? null : rs.getTimestamp("decided_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("review explanation unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
