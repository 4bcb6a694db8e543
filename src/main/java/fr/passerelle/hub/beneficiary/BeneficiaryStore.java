package fr.passerelle.hub.beneficiary;

import fr.passerelle.hub.referral.CanonicalReferral;
import fr.passerelle.hub.security.DataProtector;
import java.sql.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The shared beneficiary record in PostgreSQL. A referral adds to a record what it did not know yet (identifiers,
 * barriers, referents, missing values); it never blanks a value another partner gave.
 */
@Component
public class BeneficiaryStore {

    private final JdbcClient jdbc;
    private final DataProtector protector;

    public BeneficiaryStore(JdbcClient jdbc, DataProtector protector) {
        this.jdbc = jdbc;
        this.protector = protector;
    }

    public UUID create(CanonicalReferral referral) {
        UUID id = UUID.randomUUID();
        Identity identity = referral.identity();
        Address address = referral.address();
        Situation situation = referral.situation();
        Consent consent = referral.consent();
        jdbc.sql("""
                        insert into beneficiary (id, birth_name, usage_name, first_names, birth_date, sex,
                            folded_birth_name, folded_usage_name, folded_first_names, nir_sealed, nir_index,
                            email, phones, address_line, postal_code, commune, insee_code, rsa, rqth, education_level,
                            project, consent_data_sharing, consent_at, consent_source)
                        values (:id, :birthName, :usageName, :firstNames, :birthDate, :sex,
                            :foldedBirthName, :foldedUsageName, :foldedFirstNames, :nirSealed, :nirIndex,
                            :email, :phones, :line, :postalCode, :commune, :insee, :rsa, :rqth, :education,
                            :project, :consent, :consentAt, :consentSource)
                        """)
                .param("id", id)
                .param("birthName", identity.birthName()).param("usageName", identity.usageName())
                .param("firstNames", identity.firstNames()).param("birthDate", Date.valueOf(identity.birthDate()))
                .param("sex", identity.sex() == null ? null : identity.sex().name())
                .param("foldedBirthName", identity.foldedBirthName()).param("foldedUsageName", identity.foldedUsageName())
                .param("foldedFirstNames", identity.foldedFirstNames())
                .param("nirSealed", protector.sealText(identity.nir()))
                .param("nirIndex", identity.nir() == null ? null : protector.nirIndex(identity.nir()))
                .param("email", referral.contact().email())
                .param("phones", referral.contact().phones().toArray(String[]::new))
                .param("line", address.line()).param("postalCode", address.postalCode())
                .param("commune", address.commune()).param("insee", address.inseeCode())
                .param("rsa", situation.rsa()).param("rqth", situation.rqth())
                .param("education", situation.educationLevel()).param("project", referral.project())
                .param("consent", consent == null ? null : consent.dataSharing())
                .param("consentAt", consent == null || consent.collectedAt() == null ? null : Date.valueOf(consent.collectedAt()))
                .param("consentSource", consent == null ? null : consent.source())
                .update();
        return id;
    }

    /** Fills what the record lacks; the most recent consent wins, because a person may withdraw it. */
    public void enrich(UUID id, CanonicalReferral referral) {
        Identity identity = referral.identity();
        Address address = referral.address();
        Situation situation = referral.situation();
        jdbc.sql("""
                        update beneficiary set
                            usage_name = coalesce(usage_name, :usageName),
                            folded_usage_name = coalesce(folded_usage_name, :foldedUsageName),
                            sex = coalesce(sex, :sex),
                            nir_sealed = coalesce(nir_sealed, :nirSealed),
                            nir_index = coalesce(nir_index, :nirIndex),
                            email = coalesce(email, :email),
                            phones = array(select distinct unnest(phones || cast(:phones as text[]))),
                            address_line = coalesce(address_line, :line),
                            postal_code = coalesce(postal_code, :postalCode),
                            commune = coalesce(commune, :commune),
                            insee_code = coalesce(insee_code, :insee),
                            rsa = coalesce(:rsa, rsa),
                            rqth = coalesce(:rqth, rqth),
                            education_level = coalesce(education_level, :education),
                            project = coalesce(project, :project),
                            updated_at = now()
                        where id = :id
                        """)
                .param("usageName", identity.usageName()).param("foldedUsageName", identity.foldedUsageName())
                .param("sex", identity.sex() == null ? null : identity.sex().name())
                .param("nirSealed", protector.sealText(identity.nir()))
                .param("nirIndex", identity.nir() == null ? null : protector.nirIndex(identity.nir()))
                .param("email", referral.contact().email())
                .param("phones", referral.contact().phones().toArray(String[]::new))
                .param("line", address.line()).param("postalCode", address.postalCode())
                .param("commune", address.commune()).param("insee", address.inseeCode())
                .param("rsa", situation.rsa()).param("rqth", situation.rqth())
                .param("education", situation.educationLevel()).param("project", referral.project())
                .param("id", id)
                .update();
        Consent consent = referral.consent();
        if (consent != null && consent.dataSharing() != null) {
            jdbc.sql("""
                            update beneficiary set consent_data_sharing = :consent, consent_at = :at, consent_source = :source
                            where id = :id and (consent_at is null or cast(:at as date) is null or consent_at <= cast(:at as date))
                            """)
                    .param("consent", consent.dataSharing())
                    .param("at", consent.collectedAt() == null ? null : Date.valueOf(consent.collectedAt()))
                    .param("source", consent.source()).param("id", id)
                    .update();
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
                              and (lower(email) = lower(:email)
                                   or (:email is null and lower(last_name) = lower(:last) and lower(first_name) = lower(:first))))
                        """)
                .param("b", id).param("role", role.name()).param("first", referent.firstName())
                .param("last", referent.lastName()).param("email", referent.email()).param("phone", referent.phone())
                .param("structure", referent.structure()).param("partner", partnerId).param("referral", referralId)
                .update();
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

    public Optional<UUID> findByNir(String nir) {
        return jdbc.sql("select id from beneficiary where nir_index = :index")
                .param("index", protector.nirIndex(nir))
                .query(UUID.class).list().stream().findFirst();
    }

    public Optional<UUID> findByFranceTravailId(String franceTravailId, java.time.LocalDate birthDate) {
        return jdbc.sql("""
                        select b.id from beneficiary b
                        join beneficiary_identifier i on i.beneficiary_id = b.id
                        where i.kind = 'FRANCE_TRAVAIL_ID' and i.value = :ft and b.birth_date = :birthDate
                        """)
                .param("ft", franceTravailId).param("birthDate", Date.valueOf(birthDate))
                .query(UUID.class).list().stream().findFirst();
    }
}
