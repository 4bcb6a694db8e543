package fr.passerelle.hub.beneficiary;

import fr.passerelle.hub.canonical.Address;
import fr.passerelle.hub.canonical.Barrier;
import fr.passerelle.hub.canonical.Consent;
import fr.passerelle.hub.canonical.Identity;
import fr.passerelle.hub.canonical.PartnerIdentifier;
import fr.passerelle.hub.canonical.ReferentContact;
import fr.passerelle.hub.canonical.ReferentRole;
import fr.passerelle.hub.canonical.Situation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.hub.canonical.CanonicalReferral;
import fr.passerelle.hub.referral.ReferralStore;
import fr.passerelle.hub.security.DataProtector;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The shared beneficiary record in PostgreSQL. Its values are computed from the referrals linked to it
 * ({@link BestValues}); identifiers, barriers and referents are added with the referral they came from.
 */
@Component
public class BeneficiaryStore {

    private final JdbcClient jdbc;
    private final DataProtector protector;
    private final ObjectMapper json;

    public BeneficiaryStore(JdbcClient jdbc, DataProtector protector, ObjectMapper json) {
        this.jdbc = jdbc;
        this.protector = protector;
        this.json = json;
    }

    /**
     * Creates the record for a person seen for the first time. Its values are then computed from its referrals by
     * {@link #rebuild}, once the referral is linked.
     */
    public UUID create(CanonicalReferral referral) {
        UUID id = UUID.randomUUID();
        Identity identity = referral.identity();
        jdbc.sql("""
                        insert into beneficiary (id, first_names, folded_first_names, birth_date)
                        values (:id, :firstNames, :folded, :birthDate)
                        """)
                .param("id", id).param("firstNames", identity.firstNames())
                .param("folded", identity.foldedFirstNames()).param("birthDate", Date.valueOf(identity.birthDate()))
                .update();
        return id;
    }

    /** Every referral linked to the person, with its NIR unsealed: the provenance of the record's values. */
    public List<SourcedReferral> sources(UUID id) {
        return sources(List.of(id)).getOrDefault(id, List.of());
    }

    /** The referrals of several people in one query (candidate scoring). */
    public Map<UUID, List<SourcedReferral>> sources(Collection<UUID> ids) {
        Map<UUID, List<SourcedReferral>> sources = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return sources;
        }
        jdbc.sql("""
                        select id, beneficiary_id, partner_id, updated_at, canonical, nir_sealed from referral
                        where beneficiary_id = any(:ids) order by updated_at
                        """)
                .param("ids", ids.toArray(UUID[]::new))
                .query((rs, n) -> {
                    CanonicalReferral content = readCanonical(rs.getString("canonical"));
                    String nir = protector.openText(rs.getBytes("nir_sealed"),
                            ReferralStore.nirBinding(rs.getObject("id", UUID.class)));
                    CanonicalReferral withNir = content.withIdentity(content.identity().withNir(nir));
                    sources.computeIfAbsent(rs.getObject("beneficiary_id", UUID.class), key -> new ArrayList<>())
                            .add(new SourcedReferral(rs.getObject("id", UUID.class), rs.getString("partner_id"),
                                    rs.getTimestamp("updated_at").toInstant(), withNir));
                    return null;
                })
                .list();
        return sources;
    }

    /**
     * Recomputes the record's current values from all its referrals, and returns them. Nothing a partner sent is
     * lost: the values stay in the referrals, the record shows the best of them.
     */
    public List<SourcedReferral> rebuild(UUID id) {
        List<SourcedReferral> sources = sources(id);
        BestValues.Projection best = BestValues.of(sources);
        Identity identity = best.identity();
        Address address = best.address() == null ? new Address(null, null, null, null) : best.address();
        Situation situation = best.situation();
        Consent consent = best.consent();
        jdbc.sql("""
                        update beneficiary set birth_name = :birthName, usage_name = :usageName, first_names = :firstNames,
                            birth_date = :birthDate, sex = :sex, folded_birth_name = :foldedBirthName,
                            folded_usage_name = :foldedUsageName, folded_first_names = :foldedFirstNames,
                            nir_sealed = :nirSealed, nir_index = :nirIndex, email = :email, phones = :phones,
                            address_line = :line, postal_code = :postalCode, commune = :commune, insee_code = :insee,
                            rsa = :rsa, rqth = :rqth, education_level = :education, project = :project,
                            consent_data_sharing = :consent, consent_at = :consentAt, consent_source = :consentSource,
                            updated_at = now()
                        where id = :id
                        """)
                .param("birthName", identity.birthName()).param("usageName", identity.usageName())
                .param("firstNames", identity.firstNames()).param("birthDate", Date.valueOf(identity.birthDate()))
                .param("sex", identity.sex() == null ? null : identity.sex().name())
                .param("foldedBirthName", identity.foldedBirthName()).param("foldedUsageName", identity.foldedUsageName())
                .param("foldedFirstNames", identity.foldedFirstNames())
                .param("nirSealed", protector.sealText(identity.nir(), nirBinding(id)))
                .param("nirIndex", identity.nir() == null ? null : protector.nirIndex(identity.nir()))
                .param("email", best.contact().email())
                .param("phones", best.contact().phones().toArray(String[]::new))
                .param("line", address.line()).param("postalCode", address.postalCode())
                .param("commune", address.commune()).param("insee", address.inseeCode())
                .param("rsa", situation.rsa()).param("rqth", situation.rqth())
                .param("education", situation.educationLevel()).param("project", best.project())
                .param("consent", consent == null ? null : consent.dataSharing())
                .param("consentAt", consent == null || consent.collectedAt() == null ? null : Date.valueOf(consent.collectedAt()))
                .param("consentSource", consent == null ? null : consent.source())
                .param("id", id)
                .update();
        return sources;
    }

    /** SECURITY: the record's sealed NIR is bound to the record. */
    public static String nirBinding(UUID beneficiaryId) {
        return "beneficiary:" + beneficiaryId;
    }

    private CanonicalReferral readCanonical(String canonical) {
        try {
            return json.readValue(canonical, CanonicalReferral.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored canonical referral unreadable", e);
        }
    }

    public void addIdentifiers(UUID id, List<PartnerIdentifier> identifiers, UUID referralId) {
        for (PartnerIdentifier identifier : identifiers) {
            jdbc.sql("""
                            insert into beneficiary_identifier (beneficiary_id, kind, issuer, value, source_referral_id)
                            values (:b, :kind, :issuer, :value, :referral)
                            on conflict (kind, issuer, value) do nothing
                            """)
                    .param("b", id).param("kind", identifier.kind().name()).param("issuer", identifier.issuer())
                    .param("value", identifier.value()).param("referral", referralId)
                    .update();
        }
    }

    /**
     * Locks the record a referral is about to join, following merges: a record merged while the decision was being
     * made hands the referral to the record that absorbed it. Returns the active record, locked.
     */
    public UUID lockCurrent(UUID id) {
        UUID current = id;
        while (true) {
            UUID at = current;
            var row = jdbc.sql("select status, merged_into from beneficiary where id = :id for no key update").param("id", at)
                    .query((rs, n) -> new String[]{rs.getString("status"), rs.getString("merged_into")}).optional()
                    .orElseThrow(() -> new IllegalArgumentException("no beneficiary " + at));
            if ("ACTIVE".equals(row[0])) {
                return current;
            }
            if (row[1] == null) {
                throw new IllegalStateException("beneficiary " + current + " is " + row[0]);
            }
            current = UUID.fromString(row[1]);
        }
    }

    /** Locks an active record for a merge; a merged one cannot take part in another. */
    public void lockActive(UUID id) {
        String status = jdbc.sql("select status from beneficiary where id = :id for update").param("id", id)
                .query(String.class).optional().orElseThrow(() -> new IllegalArgumentException("no beneficiary " + id));
        if (!"ACTIVE".equals(status)) {
            throw new IllegalStateException("beneficiary " + id + " is " + status);
        }
    }

    /** The absorbed record stays as a tombstone pointing to the survivor. */
    public void markMerged(UUID absorbedId, UUID survivorId) {
        jdbc.sql("update beneficiary set status = 'MERGED', merged_into = :survivor, updated_at = now() where id = :id")
                .param("survivor", survivorId).param("id", absorbedId).update();
    }

    /** A merge undone: the tombstone is a record again. */
    public void reactivate(UUID id) {
        jdbc.sql("update beneficiary set status = 'ACTIVE', merged_into = null, updated_at = now() where id = :id")
                .param("id", id).update();
    }

    /**
     * Moves what came with referrals (identifiers, referents, barriers) from one record to another: all of it, or
     * only what came with the given referrals when {@code onlyReferrals} is not null. A barrier both records hold
     * stays once on the target.
     */
    public void moveReferralParts(UUID from, UUID to, List<UUID> onlyReferrals) {
        String filter = onlyReferrals == null ? "" : " and source_referral_id = any(:referrals)";
        move("update beneficiary_identifier set beneficiary_id = :to where beneficiary_id = :from" + filter, from, to,
                onlyReferrals);
        move("update beneficiary_referent set beneficiary_id = :to where beneficiary_id = :from" + filter, from, to,
                onlyReferrals);
        move("""
                insert into beneficiary_barrier (beneficiary_id, code, source_referral_id, reported_at, resolved_at)
                select :to, code, source_referral_id, reported_at, resolved_at from beneficiary_barrier
                where beneficiary_id = :from""" + filter + " on conflict (beneficiary_id, code) do nothing",
                from, to, onlyReferrals);
        move("delete from beneficiary_barrier where beneficiary_id = :from" + filter, from, to, onlyReferrals);
    }

    private void move(String sql, UUID from, UUID to, List<UUID> referrals) {
        var statement = jdbc.sql(sql).param("from", from).param("to", to);
        if (referrals != null) {
            statement = statement.param("referrals", referrals.toArray(UUID[]::new));
        }
        statement.update();
    }

    public void addBarriers(UUID id, CanonicalReferral referral, UUID referralId) {
        for (Barrier barrier : referral.barriers()) {
            jdbc.sql("""
                            insert into beneficiary_barrier (beneficiary_id, code, source_referral_id) values (:b, :code, :r)
                            on conflict (beneficiary_id, code) do nothing
                            """)
                    .param("b", id).param("code", barrier.name()).param("r", referralId)
                    .update();
        }
    }

    /** Records a referent unless the same person already holds that role on the record. */
    public void addReferent(UUID id, ReferentRole role, ReferentContact referent, String partnerId, UUID referralId) {
        if (referent == null) {
            return;
        }
        jdbc.sql("""
                        insert into beneficiary_referent (beneficiary_id, role, first_name, last_name, email, phone,
                            structure, partner_id, source_referral_id)
                        select :b, :role, :first, :last, :email, :phone, :structure, :partner, :referral
                        where not exists (
                            select 1 from beneficiary_referent
                            where beneficiary_id = :b and role = :role and until is null
                              and (lower(email) = lower(cast(:email as text))
                                   or (cast(:email as text) is null and lower(last_name) = lower(cast(:last as text)) and lower(first_name) = lower(cast(:first as text)))))
                        """)
                .param("b", id).param("role", role.name()).param("first", referent.firstName())
                .param("last", referent.lastName()).param("email", referent.email()).param("phone", referent.phone())
                .param("structure", referent.structure()).param("partner", partnerId).param("referral", referralId)
                .update();
    }

    /**
     * Makes this person the active referent of that role: the previous one's period ends now (their row stays, so
     * past referents remain visible), unless it is the same person.
     */
    public void assignReferent(UUID id, ReferentRole role, ReferentContact referent, String partnerId, UUID referralId) {
        jdbc.sql("""
                        update beneficiary_referent set until = now()
                        where beneficiary_id = :b and role = :role and until is null
                          and not coalesce(lower(email) = lower(cast(:email as text))
                                   or (cast(:email as text) is null and lower(last_name) = lower(cast(:last as text)) and lower(first_name) = lower(cast(:first as text))), false)
                        """)
                .param("b", id).param("role", role.name()).param("email", referent.email())
                .param("last", referent.lastName()).param("first", referent.firstName())
                .update();
        addReferent(id, role, referent, partnerId, referralId);
    }

    /** A barrier reported during the journey joins the record; reported again after being resolved, it reopens. */
    public void reportBarrier(UUID id, Barrier barrier) {
        jdbc.sql("""
                        insert into beneficiary_barrier (beneficiary_id, code) values (:b, :code)
                        on conflict (beneficiary_id, code) do update set resolved_at = null
                        """)
                .param("b", id).param("code", barrier.name()).update();
    }

    public void resolveBarrier(UUID id, Barrier barrier) {
        jdbc.sql("update beneficiary_barrier set resolved_at = now() where beneficiary_id = :b and code = :code and resolved_at is null")
                .param("b", id).param("code", barrier.name()).update();
    }

    public Optional<UUID> findByIdentifier(PartnerIdentifier identifier) {
        return jdbc.sql("select beneficiary_id from beneficiary_identifier where kind = :k and issuer = :i and value = :v")
                .param("k", identifier.kind().name()).param("i", identifier.issuer()).param("v", identifier.value())
                .query(UUID.class).optional();
    }

    /** The partners whose referrals are linked to this beneficiary. */
    public List<String> partnersOf(UUID id) {
        return jdbc.sql("select distinct partner_id from referral where beneficiary_id = :id")
                .param("id", id).query(String.class).list();
    }

    /** Active records holding this NIR (one, unless an operator declared two holders distinct). */
    public List<UUID> findByNir(String nir) {
        return jdbc.sql("select id from beneficiary where nir_index = :index and status = 'ACTIVE' order by created_at, id")
                .param("index", protector.nirIndex(nir))
                .query(UUID.class).list();
    }
}
