package fr.passerelle.hub.logscan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * SECURITY: the build's check that no log of the test run carries a sample person's data. It reads every partner
 * sample (CSV, JSON, XLSX) for the people's names, NIRs, e-mail addresses and phone numbers, then looks for them in
 * every redirected test output ({@code target/surefire-reports/*-output.txt}). Run by exec-maven-plugin in the
 * {@code verify} phase, after all the tests (pom.xml); exits non-zero, failing the build, when one appears. The
 * report names the file, the line and the kind of value, never the value itself.
 *
 * <p>Arguments: the reports folder, then one or more sample folders.
 */
public final class SampleLeakScan {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Set<String> NAME_KEYS = Set.of("firstname", "lastname", "birthname", "usagename", "nom",
            "prenom", "nomnaissance", "nomusage", "nomdenaissance", "nomdusage", "nomdefamille",
            "referentnom", "referentprenom", "conseillerreferent");
    /** Names shorter than this are not looked for alone (they are parts of ordinary words). */
    private static final int MIN_NAME = 4;

    private final Map<String, Pattern> wanted = new java.util.TreeMap<>();

    /** One value found in a log: where, and what kind (never the value). */
    public record Leak(Path file, int line, String kind) {
        @Override
        public String toString() {
            return file.getFileName() + ":" + line + " " + kind;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: SampleLeakScan <reports folder> <samples folder>...");
        }
        SampleLeakScan scan = new SampleLeakScan();
        for (int i = 1; i < args.length; i++) {
            scan.learnSamples(Path.of(args[i]));
        }
        List<Leak> leaks = scan.scanOutputs(Path.of(args[0]));
        System.out.println("Sample leak scan: " + scan.size() + " sample values looked for in " + args[0]);
        if (!leaks.isEmpty()) {
            leaks.forEach(leak -> System.out.println("  sample value in a test log: " + leak));
            System.out.println("Sample leak scan FAILED: " + leaks.size() + " log line(s) carry personal data");
            System.exit(1);
        }
        System.out.println("Sample leak scan: no sample name, NIR, e-mail or phone in the logs");
    }

    public int size() {
        return wanted.size();
    }

    public void learnSamples(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.equals("truth.csv")) {
                    continue;
                }
                if (name.endsWith(".csv")) {
                    learnCsv(decode(Files.readAllBytes(file)));
                } else if (name.endsWith(".json")) {
                    learnJson(Files.readAllBytes(file));
                } else if (name.endsWith(".xlsx")) {
                    learnXlsx(file);
                }
            }
        }
    }

    public List<Leak> scanOutputs(Path reports) throws IOException {
        List<Leak> leaks = new ArrayList<>();
        if (!Files.isDirectory(reports)) {
            return leaks;
        }
        try (Stream<Path> files = Files.list(reports)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith("-output.txt")).sorted().toList()) {
                leaks.addAll(scan(file));
            }
        }
        return leaks;
    }

    public List<Leak> scan(Path log) throws IOException {
        List<Leak> leaks = new ArrayList<>();
        List<String> lines = List.of(decode(Files.readAllBytes(log)).split("\\R"));
        for (int i = 0; i < lines.size(); i++) {
            String line = fold(lines.get(i));
            for (Map.Entry<String, Pattern> value : wanted.entrySet()) {
                if (value.getValue().matcher(line).find()) {
                    leaks.add(new Leak(log, i + 1, value.getKey().substring(0, value.getKey().indexOf(':'))));
                    break;
                }
            }
        }
        return leaks;
    }

    // --- what the samples hold

    void learn(String key, String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("null")) {
            return;
        }
        String folded = key.toLowerCase(Locale.ROOT);
        String k = fold(key).replaceAll("[^a-z]", "");
        Matcher emails = EMAIL.matcher(value);
        while (emails.find()) {
            want("email", Pattern.quote(emails.group().toLowerCase(Locale.ROOT)));
        }
        if (k.equals("nir") || k.equals("numerosecu") || k.equals("numerosecuritesociale")) {
            String nir = value.replaceAll("\\s", "").toLowerCase(Locale.ROOT);
            if (nir.length() >= 13) {
                // The first 13 characters identify the person, with or without the key, spaced or not.
                want("nir", separated(nir.substring(0, 13), "\\s?"));
            }
        } else if (k.contains("tel") || k.contains("phone") || k.contains("portable")) {
            String digits = value.replaceAll("\\D", "");
            if (digits.length() >= 9) {
                String national = digits.substring(digits.length() - 9);
                want("phone", "(?<![0-9])(?:\\+33[\\s.-]?|0033[\\s.-]?|0)?" + separated(national, "[\\s.-]?")
                        + "(?![0-9])");
            }
        } else if (NAME_KEYS.contains(k) || folded.endsWith("name")) {
            for (String part : fold(value).split("[^a-z]+")) {
                if (part.length() >= MIN_NAME) {
                    want("name", "\\b" + part + "\\b");
                }
            }
        }
    }

    private void want(String kind, String regex) {
        wanted.putIfAbsent(kind + ":" + regex, Pattern.compile(regex));
    }

    private static String separated(String value, String separator) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            if (i > 0) {
                regex.append(separator);
            }
            regex.append(Pattern.quote(String.valueOf(value.charAt(i))));
        }
        return regex.toString();
    }

    private void learnCsv(String text) throws IOException {
        String firstLine = text.lines().findFirst().orElse("");
        char separator = firstLine.chars().filter(c -> c == ';').count() >= firstLine.chars().filter(c -> c == ',').count()
                ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).setIgnoreEmptyLines(true).build();
        try (CSVParser parser = CSVParser.parse(new StringReader(text.replace("\uFEFF", "")), format)) {
            List<String> header = parser.getHeaderNames();
            for (CSVRecord record : parser) {
                for (int i = 0; i < Math.min(header.size(), record.size()); i++) {
                    learn(header.get(i), record.get(i));
                }
            }
        }
    }

    private void learnJson(byte[] json) {
        try {
            walk(null, new ObjectMapper().readTree(json));
        } catch (IOException malformed) {
            // A deliberately broken sample (truncated-body.json): its text is looked at line by line.
            for (String line : new String(json, StandardCharsets.UTF_8).split("\\R")) {
                Matcher field = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"([^\"]*)\"").matcher(line);
                while (field.find()) {
                    learn(field.group(1), field.group(2));
                }
            }
        }
    }

    private void walk(String key, JsonNode node) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                walk(field.getKey(), field.getValue());
            }
        } else if (node.isArray()) {
            node.forEach(element -> walk(key, element));
        } else if (key != null && node.isValueNode()) {
            learn(key, node.asText());
        }
    }

    private void learnXlsx(Path file) throws IOException {
        DataFormatter formatter = new DataFormatter();
        try (InputStream in = Files.newInputStream(file); Workbook workbook = WorkbookFactory.create(in)) {
            for (Sheet sheet : workbook) {
                List<String> header = null;
                for (Row row : sheet) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        cells.add(row.getCell(c) == null ? "" : formatter.formatCellValue(row.getCell(c)));
                    }
                    if (header == null) {
                        header = cells;
                        continue;
                    }
                    for (int c = 0; c < Math.min(header.size(), cells.size()); c++) {
                        learn(header.get(c), cells.get(c));
                    }
                }
            }
        } catch (IOException | RuntimeException notAWorkbook) {
            // csv-renamed-as-xlsx.xlsx: read as the CSV it is.
            learnCsv(decode(Files.readAllBytes(file)));
        }
    }

    /** UTF-8 when the bytes are valid UTF-8, else windows-1252 (the Mission Locale's export). */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, Charset.forName("windows-1252"));
        }
    }

    /** Lower case, accents off: "Mathéo" in a sample is "MATHEO" in a log. */
    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    Set<String> kinds() {
        Set<String> kinds = new TreeSet<>();
        wanted.keySet().forEach(key -> kinds.add(key.substring(0, key.indexOf(':'))));
        return kinds;
    }
}
