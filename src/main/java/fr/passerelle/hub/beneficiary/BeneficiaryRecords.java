package fr.passerelle.hub.beneficiary;

import fr.passerelle.hub.canonical.Address;
import fr.passerelle.hub.canonical.Barrier;
import fr.passerelle.hub.canonical.Consent;
import fr.passerelle.hub.canonical.Contact;
import fr.passerelle.hub.canonical.IdentifierKind;
import fr.passerelle.hub.canonical.Identity;
import fr.passerelle.hub.canonical.PartnerIdentifier;
import fr.passerelle.hub.canonical.ReferentContact;
import fr.passerelle.hub.canonical.ReferentRole;
import fr.passerelle.hub.canonical.Sex;
import fr.passerelle.hub.canonical.Situation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Reads the shared record. Every read for a person (not a system) is audited by the caller's API layer. */
@Component
public class BeneficiaryRecords {

    private final JdbcClient jdbc;
    private final BeneficiaryStore store;

    public BeneficiaryRecords(JdbcClient jdbc, BeneficiaryStore store) {
        this.jdbc = jdbc;
        this.store = store;
    }

    public Optional<BeneficiaryRecord> find(UUID id) {
        return jdbc.sql("select * from beneficiary where id = :id").param("id", id)
                .query((rs, n) -> record(rs)).optional();
    }

    /**
     * SECURITY: the record as one reader may see it (SPEC §5, "only what its recipient already holds, or what was
     * shared under consent"). With the person's consent to share, the whole record. Without it, only what the
     * reader's own referrals carried: its identifiers, its values, the referents it named, the barriers it reported;
     * nothing another partner supplied, not even which other organisations follow the person. Identity matching
     * links the records; it never widens what a reader sees.
     */
    public BeneficiaryRecord asSeenBy(BeneficiaryRecord record, String readerPartnerId) {
        if (record.consent() != null && record.consent().given()) {
            return record;
        }
        List<SourcedReferral> own = store.sources(record.id()).stream()
                .filter(source -> source.partnerId().equals(readerPartnerId)).toList();
        Set<String> ownFranceTravailIds = new java.util.HashSet<>();
        own.forEach(source -> {
            if (source.content().franceTravailId() != null) {
                ownFranceTravailIds.add(source.content().franceTravailId());
            }
        });
        List<PartnerIdentifier> identifiers = record.identifiers().stream()
                .filter(identifier -> readerPartnerId.equals(identifier.issuer())
                        || (identifier.kind() == IdentifierKind.FRANCE_TRAVAIL_ID
                        && ownFranceTravailIds.contains(identifier.value())))
                .toList();
        // Whether the person consents is the reader's business; who recorded a refusal is not.
        Consent consent = record.consent() == null ? null : new Consent(record.consent().dataSharing(),
                record.consent().collectedAt(), readerPartnerId.equals(record.consent().source())
                ? record.consent().source() : null);
        List<BeneficiaryRecord.Referent> referents = record.referents().stream()
                .filter(referent -> readerPartnerId.equals(referent.partnerId())).toList();
        if (own.isEmpty()) {
            return new BeneficiaryRecord(record.id(), record.status(), record.mergedInto(),
                    new Identity(null, null, null, null, null, null), false, identifiers, new Contact(null, List.of()),
                    null, new Situation(null, null, null), Set.of(), consent, referents, null, Map.of(),
                    record.createdAt(), record.updatedAt());
        }
        BestValues.Projection held = BestValues.of(own);
        Set<Barrier> barriers = EnumSet.noneOf(Barrier.class);
        own.forEach(source -> barriers.addAll(source.content().barriers()));
        barriers.retainAll(record.barriers());
        return new BeneficiaryRecord(record.id(), record.status(), record.mergedInto(), held.identity().withoutNir(),
                held.identity().nir() != null, identifiers, held.contact(), held.address(), held.situation(), barriers,
                consent, referents, held.project(), Map.of(), record.createdAt(), record.updatedAt());
    }

    private BeneficiaryRecord record(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String sex = rs.getString("sex");
        Identity identity = new Identity(rs.getString("birth_name"), rs.getString("usage_name"),
                rs.getString("first_names"), rs.getDate("birth_date") == null ? null : rs.getDate("birth_date").toLocalDate(),
                sex == null ? null : Sex.valueOf(sex), null);
        String[] phones = (String[]) rs.getArray("phones").getArray();
        java.sql.Date consentAt = rs.getDate("consent_at");
        Boolean consent = (Boolean) rs.getObject("consent_data_sharing");
        List<SourcedReferral> sources = store.sources(id);
        return new BeneficiaryRecord(id, rs.getString("status"), rs.getObject("merged_into", UUID.class), identity,
                rs.getBytes("nir_sealed") != null, identifiers(id),
                new Contact(rs.getString("email"), List.of(phones)),
                new Address(rs.getString("address_line"), rs.getString("postal_code"), rs.getString("commune"),
                        rs.getString("insee_code")),
                new Situation((Boolean) rs.getObject("rsa"), (Boolean) rs.getObject("rqth"),
                        rs.getString("education_level")),
                barriers(id),
                consent == null ? null : new Consent(consent, consentAt == null ? null : consentAt.toLocalDate(),
                        rs.getString("consent_source")),
                referents(id), rs.getString("project"),
                sources.isEmpty() ? Map.of() : BestValues.of(sources).conflicts(), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private List<PartnerIdentifier> identifiers(UUID id) {
        return jdbc.sql("select kind, issuer, value from beneficiary_identifier where beneficiary_id = :id order by recorded_at, kind")
                .param("id", id)
                .query((rs, n) -> new PartnerIdentifier(IdentifierKind.valueOf(rs.getString("kind")),
                        rs.getString("issuer"), rs.getString("value")))
                .list();
    }

    private Set<Barrier> barriers(UUID id) {
        List<Barrier> barriers = jdbc.sql("select code from beneficiary_barrier where beneficiary_id = :id and resolved_at is null")
                .param("id", id).query((rs, n) -> Barrier.valueOf(rs.getString("code"))).list();
        return barriers.isEmpty() ? Set.of() : EnumSet.copyOf(barriers);
    }

    private List<BeneficiaryRecord.Referent> referents(UUID id) {
        return jdbc.sql("select * from beneficiary_referent where beneficiary_id = :id order by since, id")
                .param("id", id)
                .query((rs, n) -> new BeneficiaryRecord.Referent(rs.getLong("id"),
                        ReferentRole.valueOf(rs.getString("role")),
                        new ReferentContact(rs.getString("first_name"), rs.getString("last_name"), rs.getString("email"),
                                rs.getString("phone"), rs.getString("structure"), null),
                        rs.getString("partner_id"), rs.getTimestamp("since").toInstant(),
                        rs.getTimestamp("until") == null ? null : rs.getTimestamp("until").toInstant()))
                .list();
    }
}
