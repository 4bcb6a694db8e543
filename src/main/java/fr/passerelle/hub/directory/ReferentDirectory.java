package fr.passerelle.hub.directory;

import fr.passerelle.hub.canonical.NameFolding;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The referent directory in PostgreSQL: which structure covers a commune and an age, which structure a
 * professional named in a referral works for, and who the professionals are.
 */
@Component
public class ReferentDirectory {

    private static final Comparator<Structure> NETWORK_FIRST = Comparator
            .comparing((Structure structure) -> !structure.inNetwork()).thenComparing(Structure::id);

    private final JdbcClient jdbc;

    public ReferentDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Structure> structures() {
        return jdbc.sql("""
                        select s.*,
                            array(select code from directory_structure_area a where a.structure_id = s.id and a.area_kind = 'POSTAL_CODE') as postal_codes,
                            array(select code from directory_structure_area a where a.structure_id = s.id and a.area_kind = 'INSEE_CODE') as insee_codes
                        from directory_structure s order by s.id
                        """)
                .query((rs, n) -> structure(rs)).list();
    }

    public Optional<Structure> structure(String id) {
        return structures().stream().filter(structure -> structure.id().equals(id)).findFirst();
    }

    /** Structures of this kind covering the commune and the age, network partners first. */
    public List<Structure> covering(StructureKind kind, String postalCode, String inseeCode, Integer age) {
        return structures().stream()
                .filter(structure -> structure.kind() == kind)
                .filter(structure -> structure.covers(postalCode, inseeCode))
                .filter(structure -> structure.acceptsAge(age))
                .sorted(NETWORK_FIRST)
                .toList();
    }

    /**
     * The structure a professional works for, from the structure name a referral gives (name or alias, accents and
     * case ignored), else from their e-mail domain.
     */
    public Optional<Structure> structureOf(String structureName, String email) {
        List<Structure> structures = structures();
        String folded = NameFolding.fold(structureName);
        if (folded != null) {
            Optional<Structure> byName = structures.stream()
                    .filter(structure -> folded.equals(NameFolding.fold(structure.name()))
                            || structure.aliases().stream().map(NameFolding::fold).anyMatch(folded::equals))
                    .sorted(NETWORK_FIRST).findFirst();
            if (byName.isPresent()) {
                return byName;
            }
        }
        String domain = email == null || !email.contains("@") ? null
                : email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (domain == null) {
            return Optional.empty();
        }
        return structures.stream().filter(structure -> structure.emailDomains().contains(domain))
                .sorted(NETWORK_FIRST).findFirst();
    }

    public List<Structure> ofPartner(String partnerId, StructureKind kind) {
        return structures().stream()
                .filter(structure -> Objects.equals(structure.partnerId(), partnerId) && structure.kind() == kind)
                .toList();
    }

    public List<DirectoryReferent> referents(String structureId, String role) {
        return jdbc.sql("select * from directory_referent where structure_id = :s and role = :role order by id")
                .param("s", structureId).param("role", role)
                .query((rs, n) -> referent(rs)).list();
    }

    public Optional<DirectoryReferent> referentByEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        return jdbc.sql("select * from directory_referent where lower(email) = lower(:email)")
                .param("email", email).query((rs, n) -> referent(rs)).optional();
    }

    /** Creates or refreshes a structure and the territory it covers (the import is the reference for its lines). */
    public void saveStructure(Structure structure, String source) {
        jdbc.sql("""
                        insert into directory_structure (id, name, kind, partner_id, safir_code, email, phone, age_min,
                            age_max, aliases, email_domains, source, updated_at)
                        values (:id, :name, :kind, :partner, :safir, :email, :phone, :ageMin, :ageMax, :aliases,
                            :domains, :source, now())
                        on conflict (id) do update set name = excluded.name, kind = excluded.kind,
                            partner_id = excluded.partner_id, safir_code = excluded.safir_code, email = excluded.email,
                            phone = excluded.phone, age_min = excluded.age_min, age_max = excluded.age_max,
                            aliases = excluded.aliases, email_domains = excluded.email_domains,
                            source = excluded.source, updated_at = now()
                        """)
                .param("id", structure.id()).param("name", structure.name()).param("kind", structure.kind().name())
                .param("partner", structure.partnerId()).param("safir", structure.safirCode())
                .param("email", structure.email()).param("phone", structure.phone())
                .param("ageMin", structure.ageMin()).param("ageMax", structure.ageMax())
                .param("aliases", structure.aliases().toArray(String[]::new))
                .param("domains", structure.emailDomains().stream().map(domain -> domain.toLowerCase(Locale.ROOT))
                        .toArray(String[]::new))
                .param("source", source)
                .update();
        jdbc.sql("delete from directory_structure_area where structure_id = :id").param("id", structure.id()).update();
        structure.postalCodes().forEach(code -> area(structure.id(), "POSTAL_CODE", code));
        structure.inseeCodes().forEach(code -> area(structure.id(), "INSEE_CODE", code));
    }

    /** Records a professional, or refreshes what is known of them; an unknown value never erases a known one. */
    public void saveReferent(String structureId, String role, String firstName, String lastName, String email,
                             String phone, String source) {
        if (email == null || email.isBlank()) {
            return;
        }
        jdbc.sql("""
                        insert into directory_referent (structure_id, role, first_name, last_name, email, phone, source)
                        values (:structure, :role, :first, :last, :email, :phone, :source)
                        on conflict (lower(email)) do update set
                            structure_id = coalesce(excluded.structure_id, directory_referent.structure_id),
                            role = excluded.role,
                            first_name = coalesce(excluded.first_name, directory_referent.first_name),
                            last_name = coalesce(excluded.last_name, directory_referent.last_name),
                            phone = coalesce(excluded.phone, directory_referent.phone),
                            last_seen_at = now()
                        """)
                .param("structure", structureId).param("role", role).param("first", firstName)
                .param("last", lastName).param("email", email).param("phone", phone).param("source", source)
                .update();
    }

    private void area(String structureId, String kind, String code) {
        jdbc.sql("insert into directory_structure_area (structure_id, area_kind, code) values (:s, :k, :c)")
                .param("s", structureId).param("k", kind).param("c", code).update();
    }

    private static Structure structure(ResultSet rs) throws SQLException {
        return new Structure(rs.getString("id"), rs.getString("name"), StructureKind.valueOf(rs.getString("kind")),
                rs.getString("partner_id"), rs.getString("safir_code"), rs.getString("email"), rs.getString("phone"),
                (Integer) rs.getObject("age_min"), (Integer) rs.getObject("age_max"),
                Set.copyOf(strings(rs, "postal_codes")), Set.copyOf(strings(rs, "insee_codes")),
                strings(rs, "aliases"), strings(rs, "email_domains"));
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static DirectoryReferent referent(ResultSet rs) throws SQLException {
        return new DirectoryReferent(rs.getLong("id"), rs.getString("structure_id"), rs.getString("role"),
                rs.getString("first_name"), rs.getString("last_name"), rs.getString("email"), rs.getString("phone"));
    }
}
