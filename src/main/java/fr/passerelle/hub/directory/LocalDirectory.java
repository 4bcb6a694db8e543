package fr.passerelle.hub.directory;

import fr.passerelle.hub.partner.Partner;
import fr.passerelle.hub.partner.PartnerRegistry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The local layer of the directory ({@code directory/local-*.yaml}): what data·inclusion does not say about the
 * network's structures (their partner and channel, a France Travail agency's e-mail, age bands, aliases, named
 * referents), keyed by the hub's own id for each structure. Checked at start-up: an unknown partner or kind stops it.
 */
@Component
class LocalDirectory {

    private static final Set<String> KEYS = Set.of("data-inclusion-id", "partner", "kind", "safir-code", "email",
            "phone", "age-min", "age-max", "aliases", "email-domains", "referents");
    private static final Set<String> REFERENT_KEYS = Set.of("role", "first-name", "last-name", "email", "phone");
    private static final Set<String> ROLES = Set.of("PRESCRIBER", "SOCIAL_WORKER", "EMPLOYMENT_COUNSELOR",
            "PROGRAMME_REFERENT", "TERRITORY_COORDINATOR");

    /** One structure's local values; null where the local layer says nothing. */
    record LocalStructure(String id, String dataInclusionId, String partnerId, StructureKind kind, String safirCode,
                          String email, String phone, Integer ageMin, Integer ageMax, List<String> aliases,
                          List<String> emailDomains, List<LocalReferent> referents) {
    }

    record LocalReferent(String role, String firstName, String lastName, String email, String phone) {
    }

    private final List<LocalStructure> structures;

    @Autowired
    LocalDirectory(DirectoryProperties properties, ResourceLoader resources, PartnerRegistry partners) {
        this(properties.local(), DirectoryFiles.text(resources, properties.local()),
                partners.all().stream().map(Partner::id).collect(Collectors.toSet()));
    }

    LocalDirectory(String origin, String yaml, Set<String> knownPartners) {
        Map<String, Object> root = YamlTables.load(origin, yaml);
        YamlTables.onlyKeys(origin, "the file", root, Set.of("structures"));
        List<LocalStructure> read = new ArrayList<>();
        Set<String> dataInclusionIds = new HashSet<>();
        YamlTables.map(origin, "structures", root.get("structures")).forEach((id, value) -> {
            String where = "structure '" + id + "'";
            if (!id.matches("[a-z0-9][a-z0-9-]{1,62}")) {
                throw new InvalidDirectoryException(origin, where + ": the id must be lower-case letters, digits and dashes");
            }
            Map<String, Object> entry = YamlTables.map(origin, where, value);
            YamlTables.onlyKeys(origin, where, entry, KEYS);
            String dataInclusionId = YamlTables.text(origin, where + " data-inclusion-id", entry.get("data-inclusion-id"));
            if (dataInclusionId == null) {
                throw new InvalidDirectoryException(origin, where + ": data-inclusion-id is required");
            }
            if (!dataInclusionIds.add(dataInclusionId)) {
                throw new InvalidDirectoryException(origin, where + ": data·inclusion structure " + dataInclusionId
                        + " is already given to another entry");
            }
            String partner = YamlTables.text(origin, where + " partner", entry.get("partner"));
            if (partner != null && !knownPartners.contains(partner)) {
                throw new InvalidDirectoryException(origin, where + ": partner '" + partner
                        + "' is not a configured partner");
            }
            StructureKind kind = null;
            String kindName = YamlTables.text(origin, where + " kind", entry.get("kind"));
            if (kindName != null) {
                try {
                    kind = StructureKind.valueOf(kindName);
                } catch (IllegalArgumentException e) {
                    throw new InvalidDirectoryException(origin, where + ": kind '" + kindName + "' is not one of "
                            + List.of(StructureKind.values()));
                }
            }
            Integer ageMin = YamlTables.integer(origin, where + " age-min", entry.get("age-min"));
            Integer ageMax = YamlTables.integer(origin, where + " age-max", entry.get("age-max"));
            if (ageMin != null && ageMax != null && ageMin > ageMax) {
                throw new InvalidDirectoryException(origin, where + ": age-min is above age-max");
            }
            read.add(new LocalStructure(id, dataInclusionId, partner, kind,
                    YamlTables.text(origin, where + " safir-code", entry.get("safir-code")),
                    YamlTables.text(origin, where + " email", entry.get("email")),
                    YamlTables.text(origin, where + " phone", entry.get("phone")), ageMin, ageMax,
                    YamlTables.strings(origin, where + " aliases", entry.get("aliases")),
                    YamlTables.strings(origin, where + " email-domains", entry.get("email-domains")),
                    referents(origin, where, entry.get("referents"))));
        });
        structures = List.copyOf(read);
    }

    List<LocalStructure> structures() {
        return structures;
    }

    Optional<LocalStructure> byDataInclusionId(String dataInclusionId) {
        return structures.stream().filter(local -> local.dataInclusionId().equals(dataInclusionId)).findFirst();
    }

    private static List<LocalReferent> referents(String origin, String where, Object value) {
        List<LocalReferent> referents = new ArrayList<>();
        for (Object item : YamlTables.list(origin, where + " referents", value)) {
            Map<String, Object> referent = YamlTables.map(origin, where + " referent", item);
            YamlTables.onlyKeys(origin, where + " referent", referent, REFERENT_KEYS);
            String role = YamlTables.text(origin, where + " referent role", referent.get("role"));
            String email = YamlTables.text(origin, where + " referent email", referent.get("email"));
            if (role == null || !ROLES.contains(role)) {
                throw new InvalidDirectoryException(origin, where + ": a referent's role must be one of " + ROLES);
            }
            if (email == null || !email.contains("@")) {
                throw new InvalidDirectoryException(origin, where + ": a referent needs an email");
            }
            referents.add(new LocalReferent(role, YamlTables.text(origin, where, referent.get("first-name")),
                    YamlTables.text(origin, where, referent.get("last-name")), email,
                    YamlTables.text(origin, where, referent.get("phone"))));
        }
        return referents;
    }
}
