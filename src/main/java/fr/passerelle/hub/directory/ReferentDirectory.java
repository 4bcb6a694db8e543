package fr.passerelle.hub.directory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.passerelle.hub.canonical.NameFolding;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The referent directory in PostgreSQL: which structure covers a commune and an age, which structure a
 * professional named in a referral works for, and who the professionals are. Its structures are assembled from
 * data·inclusion and the local layer ({@link DirectoryAssembly}).
 */
@Component
public class ReferentDirectory {

    private static final Comparator<Structure> NETWORK_FIRST = Comparator
            .comparing((Structure structure) -> !structure.inNetwork()).thenComparing(Structure::id);
    private static final Comparator<Covering> NETWORK_THEN_PRECISION = Comparator
            .comparing((Covering covering) -> !covering.structure().inNetwork())
            .thenComparing(covering -> covering.coverage().area())
            .thenComparing(covering -> covering.structure().id());
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration CACHE_TTL = Duration.ofSeconds(30);
    /** A professional written or found unchanged this recently is not looked up again (see saveReferent). */
    private static final Duration SEEN_FOR = Duration.ofHours(1);
    private static final int MAX_SEEN = 10_000;

    private final JdbcClient jdbc;
    private final Communes communes;
    private volatile Cached cached;
    private final Map<SeenReferent, Long> recentlySeen = new ConcurrentHashMap<>();

    public ReferentDirectory(JdbcClient jdbc, Communes communes) {
        this.jdbc = jdbc;
        this.communes = communes;
    }

    /**
     * Every assembled structure with its coverage. Read for each referral and handoff (which structure a professional
     * works for, who covers a commune), and changed by a directory import a day: kept in memory, reloaded after this
     * instance changes it (once the change commits) and at most {@link #CACHE_TTL} after another instance did. Before
     * this, each referral of a file read the whole directory five times (docs/benchmarks.md).
     */
    public List<Structure> structures() {
        Cached current = cached;
        long now = System.nanoTime();
        if (current != null && now - current.loadedAt() < CACHE_TTL.toNanos()) {
            return current.structures();
        }
        List<Structure> loaded = List.copyOf(load());
        cached = new Cached(loaded, now);
        return loaded;
    }

    private record Cached(List<Structure> structures, long loadedAt) {
    }

    /** Forgets the structures held in memory, now and when the current transaction commits. */
    private void invalidate() {
        cached = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cached = null;
                }
            });
        }
    }

    private List<Structure> load() {
        Map<String, List<Coverage>> coverage = jdbc.sql("select * from directory_coverage order by structure_id")
                .query((rs, n) -> Map.entry(rs.getString("structure_id"), new Coverage(
                        AreaKind.valueOf(rs.getString("area_kind")), rs.getString("code"), rs.getString("service_id"),
                        rs.getString("source"))))
                .list().stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return jdbc.sql("select * from directory_structure order by id")
                .query((rs, n) -> structure(rs, coverage.getOrDefault(rs.getString("id"), List.of()))).list();
    }

    public Optional<Structure> structure(String id) {
        return structures().stream().filter(structure -> structure.id().equals(id)).findFirst();
    }

    /** Structures of this kind covering the commune and the age, network partners first. */
    public List<Structure> covering(StructureKind kind, String postalCode, String inseeCode, Integer age) {
        return covering(kind, postalCode, null, inseeCode, age).stream().map(Covering::structure).toList();
    }

    /**
     * Structures of this kind covering the person's commune (found from the address through the communes table)
     * and age: network partners first, then the one covering the commune most precisely (commune, EPCI,
     * département, France).
     */
    public List<Covering> covering(StructureKind kind, String postalCode, String communeName, String inseeCode,
                                   Integer age) {
        Whereabouts where = communes.locate(postalCode, communeName, inseeCode);
        return structures().stream()
                .filter(structure -> structure.kind() == kind)
                .filter(structure -> structure.acceptsAge(age))
                .flatMap(structure -> structure.coverageOf(where)
                        .map(coverage -> new Covering(structure, coverage, where)).stream())
                .sorted(NETWORK_THEN_PRECISION)
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
        // One row per role: the one seen last speaks for the professional.
        return jdbc.sql("""
                        select * from directory_referent where lower(email) = lower(:email)
                        order by last_seen_at desc, id desc limit 1""")
                .param("email", email).query((rs, n) -> referent(rs)).optional();
    }

    /** Creates or refreshes an assembled structure and the territory it covers. */
    void saveStructure(Structure structure) {
        invalidate();
        String sources;
        try {
            sources = JSON.writeValueAsString(structure.sources());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        jdbc.sql("""
                        insert into directory_structure (id, data_inclusion_id, name, kind, partner_id, safir_code,
                            email, phone, age_min, age_max, aliases, email_domains, source, value_sources, updated_at)
                        values (:id, :di, :name, :kind, :partner, :safir, :email, :phone, :ageMin, :ageMax, :aliases,
                            :domains, :source, cast(:sources as jsonb), now())
                        on conflict (id) do update set data_inclusion_id = excluded.data_inclusion_id,
                            name = excluded.name, kind = excluded.kind,
                            partner_id = excluded.partner_id, safir_code = excluded.safir_code, email = excluded.email,
                            phone = excluded.phone, age_min = excluded.age_min, age_max = excluded.age_max,
                            aliases = excluded.aliases, email_domains = excluded.email_domains,
                            source = excluded.source, value_sources = excluded.value_sources, updated_at = now()
                        """)
                .param("id", structure.id()).param("di", structure.dataInclusionId())
                .param("name", structure.name()).param("kind", structure.kind().name())
                .param("partner", structure.partnerId()).param("safir", structure.safirCode())
                .param("email", structure.email()).param("phone", structure.phone())
                .param("ageMin", structure.ageMin()).param("ageMax", structure.ageMax())
                .param("aliases", structure.aliases().toArray(String[]::new))
                .param("domains", structure.emailDomains().stream().map(domain -> domain.toLowerCase(Locale.ROOT))
                        .toArray(String[]::new))
                .param("source", structure.dataInclusionId() == null ? "LOCAL" : "DATA_INCLUSION")
                .param("sources", sources)
                .update();
        jdbc.sql("delete from directory_coverage where structure_id = :id").param("id", structure.id()).update();
        for (Coverage area : structure.coverage()) {
            jdbc.sql("""
                            insert into directory_coverage (structure_id, area_kind, code, service_id, source)
                            values (:s, :kind, :code, :service, :source) on conflict do nothing""")
                    .param("s", structure.id()).param("kind", area.area().name()).param("code", area.code())
                    .param("service", area.serviceId()).param("source", area.source()).update();
        }
    }

    /** Records a professional, or refreshes what is known of them; an unknown value never erases a known one. */
    public void saveReferent(String structureId, String role, String firstName, String lastName, String email,
                             String phone, String source) {
        if (email == null || email.isBlank()) {
            return;
        }
        // One professional is named by thousands of referrals (a France Travail agency's counselor, a whole nightly
        // extract): refreshing their row each time locked it until the referral's transaction ended, so intakes
        // naming them waited for each other. Nothing new and seen within the hour: nothing written, nothing locked,
        // and when this instance wrote or checked the very same values within the hour, nothing read either.
        SeenReferent seen = new SeenReferent(structureId, role, firstName, lastName, email.toLowerCase(Locale.ROOT),
                phone);
        Long seenAt = recentlySeen.get(seen);
        if (seenAt != null && System.nanoTime() - seenAt < SEEN_FOR.toNanos()) {
            return;
        }
        boolean known = jdbc.sql("""
                        select exists (select 1 from directory_referent
                            where lower(email) = lower(:email) and role = :role
                              and structure_id is not distinct from coalesce(cast(:structure as text), structure_id)
                              and first_name is not distinct from coalesce(cast(:first as text), first_name)
                              and last_name is not distinct from coalesce(cast(:last as text), last_name)
                              and phone is not distinct from coalesce(cast(:phone as text), phone)
                              and last_seen_at > now() - interval '1 hour')
                        """)
                .param("structure", structureId).param("role", role).param("first", firstName)
                .param("last", lastName).param("email", email).param("phone", phone)
                .query(Boolean.class).single();
        if (known) {
            remember(seen, System.nanoTime());
            return;
        }
        long writtenAt = System.nanoTime();
        jdbc.sql("""
                        insert into directory_referent (structure_id, role, first_name, last_name, email, phone, source)
                        values (:structure, :role, :first, :last, :email, :phone, :source)
                        on conflict (lower(email), role) do update set
                            structure_id = coalesce(excluded.structure_id, directory_referent.structure_id),
                            first_name = coalesce(excluded.first_name, directory_referent.first_name),
                            last_name = coalesce(excluded.last_name, directory_referent.last_name),
                            phone = coalesce(excluded.phone, directory_referent.phone),
                            last_seen_at = now()
                        """)
                .param("structure", structureId).param("role", role).param("first", firstName)
                .param("last", lastName).param("email", email).param("phone", phone).param("source", source)
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    remember(seen, writtenAt);
                }
            });
        } else {
            remember(seen, writtenAt);
        }
    }

    /** The values of a professional as one referral names them. */
    private record SeenReferent(String structureId, String role, String firstName, String lastName, String email,
                                String phone) {
    }

    private void remember(SeenReferent seen, long at) {
        if (recentlySeen.size() >= MAX_SEEN) {
            recentlySeen.clear();
        }
        recentlySeen.put(seen, at);
    }

    private static Structure structure(ResultSet rs, List<Coverage> coverage) throws SQLException {
        Map<String, String> sources;
        try {
            sources = JSON.readValue(rs.getString("value_sources"), new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("directory_structure.value_sources of " + rs.getString("id"), e);
        }
        return new Structure(rs.getString("id"), rs.getString("data_inclusion_id"), rs.getString("name"),
                StructureKind.valueOf(rs.getString("kind")), rs.getString("partner_id"), rs.getString("safir_code"),
                rs.getString("email"), rs.getString("phone"), (Integer) rs.getObject("age_min"),
                (Integer) rs.getObject("age_max"), coverage, strings(rs, "aliases"), strings(rs, "email_domains"),
                sources);
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
