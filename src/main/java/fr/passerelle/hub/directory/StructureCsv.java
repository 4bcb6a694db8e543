package fr.passerelle.hub.directory;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads the structures file ({@code directory/structures-*.csv}): {@code ;}-separated, UTF-8, one structure per
 * line, lists separated by {@code |}, an optional contact person per structure (e.g. the territory coordinator).
 * Every problem names the file and the line, because the person maintaining the file fixes it from that alone.
 */
final class StructureCsv {

    static final List<String> COLUMNS = List.of("id", "nom", "type", "partenaire", "code_safir", "codes_postaux",
            "codes_insee", "age_min", "age_max", "courriel", "telephone", "alias", "domaines_courriel",
            "contact_prenom", "contact_nom", "contact_role", "contact_courriel", "contact_telephone");
    private static final Set<String> CONTACT_ROLES = Set.of("PRESCRIBER", "SOCIAL_WORKER", "EMPLOYMENT_COUNSELOR",
            "PROGRAMME_REFERENT", "TERRITORY_COORDINATOR");

    /** A structure and, when the line names one, its contact person. */
    public record Line(Structure structure, Contact contact) {
    }

    public record Contact(String role, String firstName, String lastName, String email, String phone) {
    }

    private StructureCsv() {
    }

    /** @param knownPartners partner ids of the network; a structure may only belong to one of them */
    public static List<Line> parse(String origin, String content, Set<String> knownPartners) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).build();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> missing = COLUMNS.stream().filter(column -> !parser.getHeaderMap().containsKey(column)).toList();
            if (!missing.isEmpty()) {
                throw new InvalidDirectoryException(origin, "missing column(s) " + missing);
            }
            List<Line> lines = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            for (CSVRecord row : parser) {
                Line line = line(origin + " line " + (row.getRecordNumber() + 1), row, knownPartners);
                if (!ids.add(line.structure().id())) {
                    throw new InvalidDirectoryException(origin, "structure id '" + line.structure().id()
                            + "' appears twice (line " + (row.getRecordNumber() + 1) + ")");
                }
                lines.add(line);
            }
            return lines;
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw new InvalidDirectoryException(origin, "unreadable CSV: " + e.getMessage());
        }
    }

    private static Line line(String where, CSVRecord row, Set<String> knownPartners) {
        String id = required(where, row, "id");
        if (!id.matches("[a-z0-9][a-z0-9-]{1,62}")) {
            throw new InvalidDirectoryException(where, "id '" + id + "' must be lower-case letters, digits and dashes");
        }
        StructureKind kind;
        try {
            kind = StructureKind.valueOf(required(where, row, "type"));
        } catch (IllegalArgumentException e) {
            throw new InvalidDirectoryException(where, "type '" + row.get("type") + "' is not one of "
                    + Arrays.toString(StructureKind.values()));
        }
        String partner = blankToNull(row.get("partenaire"));
        if (partner != null && !knownPartners.contains(partner)) {
            throw new InvalidDirectoryException(where, "partner '" + partner + "' is not a configured partner");
        }
        Integer ageMin = age(where, row, "age_min");
        Integer ageMax = age(where, row, "age_max");
        if (ageMin != null && ageMax != null && ageMin > ageMax) {
            throw new InvalidDirectoryException(where, "age_min is above age_max");
        }
        Set<String> postalCodes = codes(where, row, "codes_postaux");
        Set<String> inseeCodes = codes(where, row, "codes_insee");
        Structure structure = new Structure(id, required(where, row, "nom"), kind, partner,
                blankToNull(row.get("code_safir")), blankToNull(row.get("courriel")), blankToNull(row.get("telephone")),
                ageMin, ageMax, postalCodes, inseeCodes, list(row.get("alias")), list(row.get("domaines_courriel")));
        return new Line(structure, contact(where, row));
    }

    private static Contact contact(String where, CSVRecord row) {
        String email = blankToNull(row.get("contact_courriel"));
        String role = blankToNull(row.get("contact_role"));
        if (email == null && role == null) {
            return null;
        }
        if (email == null || !email.contains("@")) {
            throw new InvalidDirectoryException(where, "a contact needs a contact_courriel");
        }
        if (role == null || !CONTACT_ROLES.contains(role)) {
            throw new InvalidDirectoryException(where, "contact_role must be one of " + CONTACT_ROLES);
        }
        return new Contact(role, blankToNull(row.get("contact_prenom")), blankToNull(row.get("contact_nom")), email,
                blankToNull(row.get("contact_telephone")));
    }

    private static Set<String> codes(String where, CSVRecord row, String column) {
        Set<String> codes = new LinkedHashSet<>(list(row.get(column)));
        for (String code : codes) {
            if (!code.matches("[0-9][0-9AB][0-9]{3}")) {
                throw new InvalidDirectoryException(where, column + ": '" + code + "' is not a 5-character code");
            }
        }
        return codes;
    }

    private static Integer age(String where, CSVRecord row, String column) {
        String value = blankToNull(row.get(column));
        if (value == null) {
            return null;
        }
        try {
            int age = Integer.parseInt(value);
            if (age < 0 || age > 120) {
                throw new NumberFormatException();
            }
            return age;
        } catch (NumberFormatException e) {
            throw new InvalidDirectoryException(where, column + ": '" + value + "' is not an age");
        }
    }

    private static String required(String where, CSVRecord row, String column) {
        String value = blankToNull(row.get(column));
        if (value == null) {
            throw new InvalidDirectoryException(where, "column '" + column + "' is empty");
        }
        return value;
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split("\\|")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
