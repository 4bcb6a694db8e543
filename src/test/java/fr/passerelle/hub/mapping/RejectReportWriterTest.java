package fr.passerelle.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class RejectReportWriterTest {

    private static final MappingDefinition IMILO = Samples.mapping("ml-val-orge/imilo-export.v1");
    private static final MappingDefinition FT = Samples.mapping("ft-91/orientations-extract.v1");
    private static final MappingDefinition PLIE = Samples.mapping("plie-val-orge/participants.v1");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final CSVFormat SEMICOLON = CSVFormat.DEFAULT.builder().setDelimiter(';').get();

    @Test
    void writesRejectedRowsInTheInputDialectWithLineAndReasonColumns() throws IOException {
        String sample = "ml-val-orge/invalid/row-3-birth-date-31-02-row-5-no-last-name.csv";
        List<SourceRecord> records = Samples.read(IMILO.id(), sample);

        byte[] report = RejectReportWriter.write(IMILO, records, Samples.map(IMILO.id(), records));

        List<CSVRecord> rows = parse(new String(report, WINDOWS_1252));
        assertThat(rows.get(0).toList()).endsWith("Consentement partage", "ligne", "motif").startsWith("Identifiant dossier");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).get("ligne")).isEqualTo("4");
        assertThat(rows.get(1).get("Date de naissance")).isEqualTo("31/02/1990");
        assertThat(rows.get(1).get("Commune")).isEqualTo("Morsang-sur-Orge");
        assertThat(rows.get(1).get("motif")).isEqualTo(
                "Date de naissance : date invalide « 31/02/1990 » (format attendu : dd/MM/yyyy)");
        assertThat(rows.get(2).get("ligne")).isEqualTo("6");
        assertThat(rows.get(2).get("motif")).startsWith("Nom de naissance : nom de naissance ou d'usage obligatoire");
    }

    @Test
    void writesTheReportWithTheBomOfAUtf8BomInput() {
        byte[] input = ("\uFEFFIdentifiant dossier;Nom de naissance;Prénom;Date de naissance;Téléphone\r\n"
                + "1;Durand;Zoé;31/02/1990;0612345678\r\n").getBytes(StandardCharsets.UTF_8);
        List<SourceRecord> records = CsvRecords.read(IMILO, input);

        byte[] report = RejectReportWriter.write(IMILO, records, Samples.map(IMILO.id(), records));

        assertThat(report).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(report, StandardCharsets.UTF_8)).contains("Zoé");
    }

    @Test
    void neutralisesCellsASpreadsheetWouldReadAsFormulas() throws IOException {
        byte[] input = ("Identifiant dossier;Nom de naissance;Prénom;Date de naissance;Projet de création;Adresse\n"
                + "1;@SUM(A1);=cmd();;+33 6;-2\n").getBytes(StandardCharsets.UTF_8);
        List<SourceRecord> records = CsvRecords.read(IMILO, input);

        byte[] report = RejectReportWriter.write(IMILO, records, Samples.map(IMILO.id(), records));

        CSVRecord row = parse(new String(report, StandardCharsets.UTF_8)).get(1);
        assertThat(row.get("Prénom")).isEqualTo("'=cmd()");
        assertThat(row.get("Nom de naissance")).isEqualTo("'@SUM(A1)");
        assertThat(row.get("Projet de création")).isEqualTo("'+33 6");
        assertThat(row.get("Adresse")).isEqualTo("'-2");
        assertThat(RejectReportWriter.neutralise("\tx")).isEqualTo("'\tx");
        assertThat(RejectReportWriter.neutralise("\rx")).isEqualTo("'\rx");
        assertThat(RejectReportWriter.neutralise("Durand")).isEqualTo("Durand");
    }

    @Test
    void reportsAcceptedRowsWhoseOptionalValueWasDroppedAsWarnings() throws IOException {
        String sample = "ft-91/invalid/nir-with-wrong-key.csv";
        List<SourceRecord> records = Samples.read(FT.id(), sample);
        List<MappedRecord> results = Samples.map(FT.id(), records);

        assertThat(RejectReportWriter.worthWriting(results)).isTrue();
        byte[] report = RejectReportWriter.write(FT, records, results);

        assertThat(report[0]).isNotEqualTo((byte) 0xEF);
        List<CSVRecord> rows = parse(new String(report, StandardCharsets.UTF_8));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get("identifiant_unique_de")).isEqualTo("0657788E");
        assertThat(rows.get(1).get("motif"))
                .isEqualTo("ligne acceptée ; avertissement — nir : NIR ignoré : la clé de contrôle ne correspond pas");
    }

    @Test
    void padsATruncatedRowSoThatLineAndReasonStayInTheirColumns() throws IOException {
        List<SourceRecord> records = Samples.read(FT.id(), "ft-91/invalid/last-line-truncated.csv");

        byte[] report = RejectReportWriter.write(FT, records, Samples.map(FT.id(), records));

        List<CSVRecord> rows = parse(new String(report, StandardCharsets.UTF_8));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).get("commune")).isEqualTo("CORBEIL-ESSONNES");
        assertThat(rows.get(1).get("telephone")).isEmpty();
        assertThat(rows.get(1).get("ligne")).isEqualTo("5");
        assertThat(rows.get(1).get("motif")).startsWith("ligne : trop peu de colonnes (9 au lieu de 26)");
    }

    @Test
    void writesAFileRejectionAsOneRowWithAnEmptyLine() throws IOException {
        byte[] report = RejectReportWriter.writeFileRejection(IMILO,
                "colonne obligatoire absente : « Date de naissance »");

        assertThat(report).startsWith(0xEF, 0xBB, 0xBF);
        List<CSVRecord> rows = parse(new String(report, StandardCharsets.UTF_8).substring(1));
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).toList()).hasSize(IMILO.columns().size() + 2).endsWith("ligne", "motif");
        assertThat(rows.get(1).get("ligne")).isEmpty();
        assertThat(rows.get(1).get("motif")).isEqualTo("colonne obligatoire absente : « Date de naissance »");
    }

    @Test
    void writesAWorkbookReportForAWorkbookInput() throws IOException {
        byte[] input;
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            Sheet sheet = workbook.createSheet("Participants");
            Row header = sheet.createRow(0);
            List<String> names = List.of("N° participant", "NOM", "Prénom", "Date de naissance", "Adresse");
            for (int i = 0; i < names.size(); i++) {
                header.createCell(i).setCellValue(names.get(i));
            }
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("P00001");
            row.createCell(1).setCellValue("DURAND");
            row.createCell(2).setCellValue("=HYPERLINK(\"http://example.org\")");
            row.createCell(3).setCellValue("31/02/1990");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            input = out.toByteArray();
        }
        List<SourceRecord> records = XlsxRecords.read(PLIE, input);

        byte[] report = RejectReportWriter.write(PLIE, records, Samples.map(PLIE.id(), records));

        assertThat(RejectReportWriter.extension(PLIE)).isEqualTo("xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(report))) {
            Sheet sheet = workbook.getSheet("Participants");
            assertThat(sheet.getRow(0).getCell(5).getStringCellValue()).isEqualTo("ligne");
            assertThat(sheet.getRow(0).getCell(6).getStringCellValue()).isEqualTo("motif");
            Row rejected = sheet.getRow(1);
            assertThat(rejected.getCell(2).getStringCellValue()).isEqualTo("'=HYPERLINK(\"http://example.org\")");
            assertThat(rejected.getCell(5).getStringCellValue()).isEqualTo("2");
            assertThat(rejected.getCell(6).getStringCellValue()).startsWith("Date de naissance : date invalide");
            assertThat(sheet.getLastRowNum()).isEqualTo(1);
        }
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), SEMICOLON)) {
            List<CSVRecord> rows = parser.getRecords();
            List<String> header = rows.get(0).toList();
            // Re-read with the header so that cells are addressed by column name.
            try (CSVParser named = CSVParser.parse(new StringReader(text), SEMICOLON.builder()
                    .setHeader(header.toArray(String[]::new)).get())) {
                return named.getRecords();
            }
        }
    }
}
