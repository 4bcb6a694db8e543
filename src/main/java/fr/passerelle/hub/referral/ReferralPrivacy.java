package fr.passerelle.hub.referral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.hub.security.DataProtector;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * SPEC §7, the referrals' part of the person's rights: every referral and revision as received (with its partner,
 * channel, raw message and time: the provenance of each value), and their anonymisation. An anonymised referral keeps
 * its partner, channel, programme, dates, barriers, situation and consent (the statistics), nothing that identifies
 * the person; its record key is replaced, so the partner's key no longer points to anyone.
 */
@Component
public class ReferralPrivacy {

    /** The canonical referral without the person: still readable as a {@code CanonicalReferral}, every name null. */
    private static final String STRIPPED = """
            jsonb_build_object('programme', canonical->'programme', 'identity', '{}'::jsonb,
                'contact', jsonb_build_object('phones', '[]'::jsonb), 'situation', canonical->'situation',
                'barriers', coalesce(canonical->'barriers', '[]'::jsonb), 'consent', canonical->'consent',
                'referralDate', canonical->'referralDate', 'anonymised', true)""";

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final DataProtector protector;

    public ReferralPrivacy(JdbcClient jdbc, ObjectMapper json, DataProtector protector) {
        this.jdbc = jdbc;
        this.json = json;
        this.protector = protector;
    }

    public List<Map<String, Object>> export(List<UUID> beneficiaryRows) {
        return jdbc.sql("""
                        select id, partner_id, channel, record_key, status, programme, canonical::text as canonical,
                            nir_sealed, created_at, updated_at
                        from referral where beneficiary_id = any(:b) order by created_at, id
                        """)
                .param("b", beneficiaryRows.toArray(UUID[]::new))
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    Map<String, Object> referral = new LinkedHashMap<>();
                    referral.put("referralId", id);
                    referral.put("partnerId", rs.getString("partner_id"));
                    referral.put("channel", rs.getString("channel"));
                    referral.put("recordKey", rs.getString("record_key"));
                    referral.put("status", rs.getString("status"));
                    referral.put("receivedAt", rs.getTimestamp("created_at").toInstant());
                    referral.put("updatedAt", rs.getTimestamp("updated_at").toInstant());
                    referral.put("content", tree(rs.getString("canonical")));
                    referral.put("nir", protector.openText(rs.getBytes("nir_sealed"), ReferralStore.nirBinding(id)));
                    referral.put("revisions", jdbc.sql("""
                                    select revision, raw_message_id as "rawMessageId", received_at as "receivedAt"
                                    from referral_revision where referral_id = :id order by revision
                                    """).param("id", id).query().listOfRows());
                    referral.put("statusHistory", jdbc.sql("""
                                    select status, detail, at from referral_status_history where referral_id = :id
                                    order by id
                                    """).param("id", id).query().listOfRows());
                    referral.put("warnings", jdbc.sql("""
                                    select revision, field, code, message from referral_warning where referral_id = :id
                                    order by revision
                                    """).param("id", id).query().listOfRows());
                    return referral;
                })
                .list();
    }

    /** Anonymises the person's referrals and their revisions; returns how many referrals. */
    public int anonymise(List<UUID> beneficiaryRows) {
        UUID[] rows = beneficiaryRows.toArray(UUID[]::new);
        jdbc.sql("update referral_revision set canonical = " + STRIPPED + ", nir_sealed = null "
                        + "where referral_id in (select id from referral where beneficiary_id = any(:b))")
                .param("b", rows).update();
        // Warnings may quote the value the partner sent (a phone, a NIR): only their code stays.
        jdbc.sql("update referral_warning set message = code "
                        + "where referral_id in (select id from referral where beneficiary_id = any(:b))")
                .param("b", rows).update();
        return jdbc.sql("update referral set canonical = " + STRIPPED + ", nir_sealed = null, "
                        + "record_key = 'anonymised:' || id where beneficiary_id = any(:b)")
                .param("b", rows).update();
    }

    /** Referrals received, by partner and month (Paris time): a statistic anonymisation leaves whole. */
    public List<Map<String, Object>> receivedByPartnerAndMonth() {
        return jdbc.sql("""
                        select partner_id as "partnerId", to_char(created_at at time zone 'Europe/Paris', 'YYYY-MM') as month,
                            count(*) as referrals
                        from referral group by 1, 2 order by 2, 1
                        """).query().listOfRows();
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored canonical referral unreadable", e);
        }
    }
}
