package fr.passerelle.hub.directory;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the directory handoffs read from its two sources, in one transaction: each data·inclusion structure, with
 * its kind (from {@code reseaux_porteurs}), its coverage (its services' {@code zone_eligibilite}, else its own
 * {@code code_insee}) and ages (its services' {@code publics}), and over it the local layer's values. Every value
 * keeps the name of its source.
 */
@Component
class DirectoryAssembly {

    static final String DATA_INCLUSION = "DATA_INCLUSION";
    static final String LOCAL = "LOCAL";

    private static final Logger log = LoggerFactory.getLogger(DirectoryAssembly.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final LocalDirectory local;
    private final DirectoryMappings mappings;
    private final ReferentDirectory directory;

    DirectoryAssembly(JdbcClient jdbc, TransactionTemplate transactions, LocalDirectory local,
                      DirectoryMappings mappings, ReferentDirectory directory) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.local = local;
        this.mappings = mappings;
        this.directory = directory;
    }

    private record PublishedStructure(String id, String nom, String courriel, String telephone, String codeInsee,
                                      List<String> reseauxPorteurs) {
    }

    private record PublishedService(String id, String structureId, List<String> publics, List<String> zone) {
    }

    void assemble() {
        transactions.executeWithoutResult(status -> {
            List<PublishedStructure> structures = jdbc.sql("select * from directory_di_structure order by id")
                    .query((rs, n) -> new PublishedStructure(rs.getString("id"), rs.getString("nom"),
                            rs.getString("courriel"), rs.getString("telephone"), rs.getString("code_insee"),
                            strings(rs, "reseaux_porteurs")))
                    .list();
            Map<String, List<PublishedService>> services = jdbc.sql("select * from directory_di_service order by id")
                    .query((rs, n) -> new PublishedService(rs.getString("id"), rs.getString("structure_id"),
                            strings(rs, "publics"), strings(rs, "zone_eligibilite")))
                    .list().stream().collect(Collectors.groupingBy(PublishedService::structureId));
            for (PublishedStructure published : structures) {
                Structure structure = assemble(published, services.getOrDefault(published.id(), List.of()),
                        local.byDataInclusionId(published.id()));
                jdbc.sql("update directory_structure set data_inclusion_id = null where data_inclusion_id = :di and id <> :id")
                        .param("di", published.id()).param("id", structure.id()).update();
                directory.saveStructure(structure);
                local.byDataInclusionId(published.id()).ifPresent(entry -> entry.referents().forEach(referent ->
                        directory.saveReferent(structure.id(), referent.role(), referent.firstName(),
                                referent.lastName(), referent.email(), referent.phone(), LOCAL)));
            }
            Set<String> imported = structures.stream().map(PublishedStructure::id).collect(Collectors.toSet());
            List<String> waiting = local.structures().stream()
                    .filter(entry -> !imported.contains(entry.dataInclusionId()))
                    .map(LocalDirectory.LocalStructure::id).toList();
            if (!waiting.isEmpty()) {
                log.warn("Directory: local entries {} wait for their data·inclusion structure", waiting);
            }
            log.info("Directory assembled: {} structures", structures.size());
        });
    }

    private Structure assemble(PublishedStructure published, List<PublishedService> services,
                               Optional<LocalDirectory.LocalStructure> overlay) {
        Map<String, String> sources = new HashMap<>();
        LocalDirectory.LocalStructure layer = overlay.orElse(null);
        sources.put("name", DATA_INCLUSION);
        StructureKind kind;
        if (layer != null && layer.kind() != null) {
            kind = layer.kind();
            sources.put("kind", LOCAL);
        } else {
            kind = mappings.kindOf(published.reseauxPorteurs());
            sources.put("kind", DATA_INCLUSION);
        }
        String email = pick("email", layer == null ? null : layer.email(), published.courriel(), sources);
        String phone = pick("phone", layer == null ? null : layer.phone(), published.telephone(), sources);
        Integer ageMin = null;
        Integer ageMax = null;
        if (layer != null && (layer.ageMin() != null || layer.ageMax() != null)) {
            ageMin = layer.ageMin();
            ageMax = layer.ageMax();
            sources.put("ages", LOCAL);
        } else if (!services.isEmpty()) {
            List<DirectoryMappings.AgeBand> bands = services.stream()
                    .map(service -> mappings.ageBandOf(service.publics())).toList();
            if (bands.stream().allMatch(Objects::nonNull)) {
                ageMin = bands.stream().map(DirectoryMappings.AgeBand::min).anyMatch(Objects::isNull) ? null
                        : bands.stream().mapToInt(DirectoryMappings.AgeBand::min).min().orElseThrow();
                ageMax = bands.stream().map(DirectoryMappings.AgeBand::max).anyMatch(Objects::isNull) ? null
                        : bands.stream().mapToInt(DirectoryMappings.AgeBand::max).max().orElseThrow();
                sources.put("ages", DATA_INCLUSION);
            }
        }
        if (layer != null) {
            if (layer.partnerId() != null) {
                sources.put("partner", LOCAL);
            }
            if (layer.safirCode() != null) {
                sources.put("safirCode", LOCAL);
            }
        }
        sources.put("coverage", DATA_INCLUSION);
        return new Structure(layer == null ? published.id() : layer.id(), published.id(), published.nom(), kind,
                layer == null ? null : layer.partnerId(), layer == null ? null : layer.safirCode(), email, phone,
                ageMin, ageMax, coverage(published, services), layer == null ? List.of() : layer.aliases(),
                layer == null ? List.of() : layer.emailDomains(), sources);
    }

    /** Its services' zones; a structure none of whose services has a zone covers its own commune. */
    private static List<Coverage> coverage(PublishedStructure published, List<PublishedService> services) {
        Set<Coverage> coverage = new LinkedHashSet<>();
        for (PublishedService service : services) {
            for (String code : service.zone()) {
                AreaKind area = AreaKind.ofZoneCode(code);
                if (area != null) {
                    coverage.add(new Coverage(area, code, service.id(), "DATA_INCLUSION_SERVICE"));
                }
            }
        }
        if (coverage.isEmpty() && published.codeInsee() != null) {
            coverage.add(new Coverage(AreaKind.COMMUNE, published.codeInsee(), null, "DATA_INCLUSION_STRUCTURE"));
        }
        return new ArrayList<>(coverage);
    }

    private static String pick(String field, String localValue, String publishedValue, Map<String, String> sources) {
        if (localValue != null) {
            sources.put(field, LOCAL);
            return localValue;
        }
        if (publishedValue != null) {
            sources.put(field, DATA_INCLUSION);
        }
        return publishedValue;
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
