package fr.passerelle.hub.directory;

import fr.passerelle.hub.canonical.Barrier;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The data·inclusion services near a person that answer a barrier: covering their commune (the service's
 * {@code zone_eligibilite}, else its structure's own commune), taking their age (its {@code publics}), with a
 * thématique the mapping table gives for the barrier. The most precisely covering first.
 */
@Component
public class NearbyServices {

    private final JdbcClient jdbc;
    private final Communes communes;
    private final DirectoryMappings mappings;

    NearbyServices(JdbcClient jdbc, Communes communes, DirectoryMappings mappings) {
        this.jdbc = jdbc;
        this.communes = communes;
        this.mappings = mappings;
    }

    private record Candidate(String serviceId, String name, String structureId, String structureName,
                             String structureCommune, List<String> thematiques, List<String> publics,
                             List<String> zone, List<String> modes, String email, String phone) {
    }

    public List<NearbyService> answering(Barrier barrier, String postalCode, String communeName, String inseeCode,
                                         Integer age, int limit) {
        Whereabouts where = communes.locate(postalCode, communeName, inseeCode);
        if (barrier == null || where.candidates().isEmpty()) {
            return List.of();
        }
        List<Candidate> candidates = jdbc.sql("""
                        select s.id, s.nom, d.id as structure_id, d.name as structure_name,
                            p.code_insee as structure_commune, s.thematiques, s.publics, s.zone_eligibilite,
                            s.modes_mobilisation, coalesce(s.courriel, d.email) as email,
                            coalesce(s.telephone, d.phone) as phone
                        from directory_di_service s
                        join directory_structure d on d.data_inclusion_id = s.structure_id
                        join directory_di_structure p on p.id = s.structure_id
                        order by s.id""")
                .query((rs, n) -> new Candidate(rs.getString("id"), rs.getString("nom"), rs.getString("structure_id"),
                        rs.getString("structure_name"), rs.getString("structure_commune"), strings(rs, "thematiques"),
                        strings(rs, "publics"), strings(rs, "zone_eligibilite"), strings(rs, "modes_mobilisation"),
                        rs.getString("email"), rs.getString("phone")))
                .list();
        return candidates.stream()
                .filter(candidate -> mappings.answers(barrier, candidate.thematiques()))
                .filter(candidate -> takes(mappings.ageBandOf(candidate.publics()), age))
                .flatMap(candidate -> area(candidate, where).map(area -> new NearbyService(candidate.serviceId(),
                        candidate.name(), candidate.structureId(), candidate.structureName(),
                        candidate.thematiques(), candidate.modes(), candidate.email(), candidate.phone(), area))
                        .stream())
                .sorted(Comparator.comparing(NearbyService::area).thenComparing(NearbyService::name))
                .limit(limit)
                .toList();
    }

    private static Optional<AreaKind> area(Candidate candidate, Whereabouts where) {
        List<Coverage> zone = candidate.zone().stream()
                .map(code -> {
                    AreaKind kind = AreaKind.ofZoneCode(code);
                    return kind == null ? null : new Coverage(kind, code, candidate.serviceId(), "DATA_INCLUSION_SERVICE");
                })
                .filter(coverage -> coverage != null).toList();
        if (zone.isEmpty() && candidate.structureCommune() != null) {
            zone = List.of(new Coverage(AreaKind.COMMUNE, candidate.structureCommune(), null, "DATA_INCLUSION_STRUCTURE"));
        }
        return zone.stream().filter(area -> where.candidates().stream().anyMatch(area::covers))
                .map(Coverage::area).min(Comparator.naturalOrder());
    }

    private static boolean takes(DirectoryMappings.AgeBand band, Integer age) {
        if (band == null) {
            return true;
        }
        if (age == null) {
            return false;
        }
        return (band.min() == null || age >= band.min()) && (band.max() == null || age <= band.max());
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
