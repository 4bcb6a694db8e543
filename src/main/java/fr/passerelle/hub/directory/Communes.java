package fr.passerelle.hub.directory;

import fr.passerelle.hub.canonical.NameFolding;
import java.io.IOException;
import java.io.StringReader;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The communes table (a reviewable extract of INSEE's Code Officiel Géographique, {@code directory/communes-*.csv}):
 * turns a person's postal code and commune name into the commune's INSEE code, its EPCI and département, which is
 * what data·inclusion's coverage is written in.
 */
@Component
public class Communes {

    static final List<String> COLUMNS = List.of("code_insee", "nom", "codes_postaux", "epci", "departement");

    private final Map<String, Commune> byInseeCode;

    @Autowired
    public Communes(DirectoryProperties properties, ResourceLoader resources) {
        this(properties.communes(), DirectoryFiles.text(resources, properties.communes()));
    }

    Communes(String origin, String csv) {
        this.byInseeCode = parse(origin, csv);
    }

    public Optional<Commune> byInseeCode(String inseeCode) {
        return Optional.ofNullable(inseeCode == null ? null : byInseeCode.get(inseeCode.trim()));
    }

    public List<Commune> byPostalCode(String postalCode) {
        if (postalCode == null) {
            return List.of();
        }
        return byInseeCode.values().stream().filter(commune -> commune.postalCodes().contains(postalCode.trim()))
                .toList();
    }

    /**
     * The INSEE code when the address has a known one; else the commune of the postal code whose name matches
     * (accents, case, dashes and "Saint"/"St" ignored); else every commune sharing the postal code.
     */
    public Whereabouts locate(String postalCode, String communeName, String inseeCode) {
        Optional<Commune> known = byInseeCode(inseeCode);
        if (known.isPresent()) {
            return new Whereabouts(postalCode, List.of(known.get()), Whereabouts.Basis.INSEE_CODE);
        }
        List<Commune> sharing = byPostalCode(postalCode);
        if (sharing.isEmpty()) {
            return new Whereabouts(postalCode, List.of(), Whereabouts.Basis.UNKNOWN);
        }
        String name = comparable(communeName);
        List<Commune> named = name == null ? List.of()
                : sharing.stream().filter(commune -> name.equals(comparable(commune.name()))).toList();
        if (named.size() == 1) {
            return new Whereabouts(postalCode, named, Whereabouts.Basis.POSTAL_CODE_AND_NAME);
        }
        return new Whereabouts(postalCode, sharing, Whereabouts.Basis.POSTAL_CODE);
    }

    static String comparable(String name) {
        String folded = NameFolding.fold(name);
        if (folded == null) {
            return null;
        }
        return Arrays.stream(folded.split(" "))
                .map(word -> switch (word) {
                    case "ST" -> "SAINT";
                    case "STE" -> "SAINTE";
                    default -> word;
                })
                .reduce((a, b) -> a + " " + b).orElse("");
    }

    private static Map<String, Commune> parse(String origin, String csv) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        Map<String, Commune> communes = new LinkedHashMap<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> missing = COLUMNS.stream().filter(column -> !parser.getHeaderMap().containsKey(column)).toList();
            if (!missing.isEmpty()) {
                throw new InvalidDirectoryException(origin, "missing column(s) " + missing);
            }
            for (CSVRecord row : parser) {
                String where = origin + " line " + (row.getRecordNumber() + 1);
                String insee = row.get("code_insee");
                List<String> postalCodes = Arrays.stream(row.get("codes_postaux").split("\\|")).map(String::trim)
                        .filter(code -> !code.isEmpty()).toList();
                if (!insee.matches("\\d[0-9AB]\\d{3}") || postalCodes.isEmpty()
                        || postalCodes.stream().anyMatch(code -> !code.matches("\\d{5}"))
                        || !row.get("epci").matches("\\d{9}|") || !row.get("departement").matches("\\w{2,3}")
                        || row.get("nom").isBlank()) {
                    throw new InvalidDirectoryException(where, "expected an INSEE code, a name, postal codes "
                            + "separated by |, an EPCI SIREN (9 digits) and a département code");
                }
                if (communes.put(insee, new Commune(insee, row.get("nom"), postalCodes,
                        row.get("epci").isEmpty() ? null : row.get("epci"), row.get("departement"))) != null) {
                    throw new InvalidDirectoryException(where, "commune " + insee + " appears twice");
                }
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw new InvalidDirectoryException(origin, "unreadable CSV: " + e.getMessage());
        }
        return communes;
    }
}
