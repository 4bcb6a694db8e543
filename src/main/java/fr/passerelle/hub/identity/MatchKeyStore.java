package fr.passerelle.hub.identity;

import fr.passerelle.hub.beneficiary.SourcedReferral;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The blocking keys of every active beneficiary (table {@code beneficiary_match_key}, owned by identity). */
@Component
class MatchKeyStore {

    private final JdbcClient jdbc;

    public MatchKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces a beneficiary's keys with those of all the spellings its referrals use. */
    public void replace(UUID beneficiaryId, List<SourcedReferral> sources) {
        jdbc.sql("delete from beneficiary_match_key where beneficiary_id = :id").param("id", beneficiaryId).update();
        add(beneficiaryId, sources);
    }

    /** Stores the keys of a record that has none yet (created by the decision under way). */
    public void add(UUID beneficiaryId, List<SourcedReferral> sources) {
        Set<String> keys = new LinkedHashSet<>();
        sources.forEach(source -> keys.addAll(MatchKeys.stored(PersonVariant.of(source.content()))));
        if (!keys.isEmpty()) {
            jdbc.sql("""
                            insert into beneficiary_match_key (key, beneficiary_id)
                            select unnest(cast(:keys as text[])), :id on conflict do nothing
                            """)
                    .param("keys", keys.toArray(String[]::new)).param("id", beneficiaryId).update();
        }
    }

    public void clear(UUID beneficiaryId) {
        jdbc.sql("delete from beneficiary_match_key where beneficiary_id = :id").param("id", beneficiaryId).update();
    }

    /** Active beneficiaries sharing at least one key: an index probe per key, never a scan. */
    public List<UUID> candidates(Set<String> keys, int limit) {
        if (keys.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select k.beneficiary_id from beneficiary_match_key k
                        where k.key = any(cast(:keys as text[]))
                        group by k.beneficiary_id order by count(*) desc limit :limit
                        """)
                .param("keys", keys.toArray(String[]::new)).param("limit", limit)
                .query(UUID.class).list();
    }
}
