package fr.passerelle.hub.beneficiary;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SPEC §7, the shared record's part of the person's rights: what the module holds about them (export), their
 * anonymisation (retention or erasure), and who is inactive. Called by {@code privacy}, which orchestrates every
 * module's part in one transaction. The rows stay, without what identifies the person: barriers, consent, situation
 * and the record's dates keep the statistics whole.
 */
@Component
public class BeneficiaryPrivacy {

    private final JdbcClient jdbc;
    private final BeneficiaryRecords records;

    public BeneficiaryPrivacy(JdbcClient jdbc, BeneficiaryRecords records) {
        this.jdbc = jdbc;
        this.records = records;
    }

    /** The record and, after it, the tombstones of the records merged into it: all the rows that are this person. */
    public List<UUID> rowsOf(UUID beneficiaryId) {
        return jdbc.sql("""
                        with recursive person(id) as (
                            select id from beneficiary where id = :id
                            union select b.id from beneficiary b join person p on b.merged_into = p.id)
                        select id from person
                        """)
                .param("id", beneficiaryId).query(UUID.class).list();
    }

    public boolean exists(UUID beneficiaryId) {
        return records.find(beneficiaryId).isPresent();
    }

    /** The whole record (not the reader's view: the person is entitled to all of it) and every read of it. */
    public Map<String, Object> export(UUID beneficiaryId) {
        Map<String, Object> export = new LinkedHashMap<>();
        export.put("record", records.find(beneficiaryId).orElseThrow());
        export.put("anonymisedAt", jdbc.sql("select anonymised_at from beneficiary where id = :id")
                .param("id", beneficiaryId).query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null));
        export.put("identifiers", jdbc.sql("""
                        select kind, issuer, value, source_referral_id as "sourceReferralId", recorded_at as "recordedAt"
                        from beneficiary_identifier where beneficiary_id = :id order by recorded_at
                        """).param("id", beneficiaryId).query().listOfRows());
        export.put("barriers", jdbc.sql("""
                        select code, source_referral_id as "sourceReferralId", reported_at as "reportedAt",
                            resolved_at as "resolvedAt"
                        from beneficiary_barrier where beneficiary_id = :id order by reported_at
                        """).param("id", beneficiaryId).query().listOfRows());
        export.put("reads", jdbc.sql("""
                        select accessor_kind as "accessorKind", accessor_id as "accessorId", purpose, at
                        from record_access where beneficiary_id = :id order by at, id
                        """).param("id", beneficiaryId).query().listOfRows());
        return export;
    }

    /**
     * Removes what identifies the person from the record: names, birth date, NIR, contact, address, project, the
     * identifiers partners know them by; referents keep their role and partner only. Barriers, consent and the
     * situation (RSA, RQTH, level) stay, anonymous, for the statistics.
     */
    public void anonymise(UUID beneficiaryId) {
        jdbc.sql("""
                        update beneficiary set birth_name = null, usage_name = null, first_names = '', birth_date = null,
                            folded_birth_name = null, folded_usage_name = null, folded_first_names = '', sex = null,
                            nir_sealed = null, nir_index = null, email = null, phones = '{}', address_line = null,
                            postal_code = null, commune = null, insee_code = null, project = null,
                            anonymised_at = coalesce(anonymised_at, now())
                        where id = :id
                        """).param("id", beneficiaryId).update();
        jdbc.sql("delete from beneficiary_identifier where beneficiary_id = :id").param("id", beneficiaryId).update();
        jdbc.sql("""
                        update beneficiary_referent set first_name = null, last_name = null, email = null, phone = null
                        where beneficiary_id = :id
                        """).param("id", beneficiaryId).update();
    }

    /** Active, not yet anonymised records whose values last changed before {@code cutoff}. */
    public List<UUID> unchangedSince(Instant cutoff) {
        return jdbc.sql("""
                        select id from beneficiary
                        where status = 'ACTIVE' and anonymised_at is null and updated_at < :cutoff
                        order by updated_at, id
                        """).param("cutoff", Timestamp.from(cutoff)).query(UUID.class).list();
    }
}
