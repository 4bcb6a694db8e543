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

    private BeneficiaryRecord record(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String sex = rs.getString("sex");
        Identity identity = new Identity(rs.getString("birth_name"), rs.getString("usage_name"),
                rs.getString("first_names"), rs.getDate("birth_date").toLocalDate(),
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
