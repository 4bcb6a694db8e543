package fr.passerelle.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.passerelle.hub.canonical.CanonicalReferral;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class XlsxRecordsTest {

    private static final MappingDefinition PLIE = Samples.mapping("plie-val-orge/participants.v1");

    @Test
    void readsDateCellsAsSerialsNumbersWithoutDecimalsAndHeadersWhateverTheirCase() throws IOException {
        byte[] workbook = workbook("Participants", (sheet, dateStyle) -> {
            header(sheet, "n° PARTICIPANT", "NOM", "prenom", "Date de naissance", "CP VILLE", "Téléphone(s)");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("P00001");
            row.createCell(1).setCellValue("DURAND");
            row.createCell(2).setCellValue("Zoé");
            Cell birthDate = row.createCell(3);
            birthDate.setCellValue(LocalDate.of(1990, 5, 17));
            birthDate.setCellStyle(dateStyle);
            row.createCell(4).setCellValue("91100 Corbeil-Essonnes");
            row.createCell(5).setCellValue(612345678d);
        });

        List<SourceRecord> records = XlsxRecords.read(PLIE, workbook);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.position()).isEqualTo(2);
            assertThat(record.values("Date de naissance")).containsExactly("33010");
            assertThat(record.values("Téléphone(s)")).containsExactly("612345678");
            assertThat(record.values("E-mail")).isEmpty();
        });
        CanonicalReferral referral = Samples.MAPPER.map(PLIE, records.get(0)).referral();
        assertThat(referral.identity().birthDate()).isEqualTo(LocalDate.of(1990, 5, 17));
        assertThat(referral.contact().phones()).containsExactly("+33612345678");
        assertThat(referral.address().commune()).isEqualTo("Corbeil-Essonnes");
    }

    @Test
    void readsTheCachedValueOfAFormulaWithoutEvaluatingIt() throws IOException {
        byte[] workbook = workbook("Participants", (sheet, dateStyle) -> {
            header(sheet, "N° participant", "NOM", "Prénom", "Date de naissance");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue("P00002");
            Cell name = row.createCell(1);
            name.setCellFormula("CONCATENATE(\"AUTRE\",\"NOM\")");
            name.setCellValue("DURAND");
            row.createCell(2).setCellValue("Paul");
            row.createCell(3).setCellValue(32980d);
        });

        List<SourceRecord> records = XlsxRecords.read(PLIE, workbook);

        assertThat(records.get(0).values("NOM")).containsExactly("DURAND");
    }

    @Test
    void skipsBlankRowsAndGivesExcelRowNumbers() throws IOException {
        byte[] workbook = workbook("Participants", (sheet, dateStyle) -> {
            header(sheet, "N° participant", "NOM", "Prénom", "Date de naissance");
            sheet.createRow(1).createCell(0).setCellValue(" ");
            Row row = sheet.createRow(4);
            row.createCell(0).setCellValue("P00003");
            row.createCell(3).setCellValue(32980d);
        });

        List<SourceRecord> records = XlsxRecords.read(PLIE, workbook);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.position()).isEqualTo(5);
            assertThat(record.cells()).containsExactly("P00003", "", "", "32980");
            assertThat(record.structuralError()).isEmpty();
        });
    }

    @Test
    void findsTheSheetWhateverTheCaseOfItsName() throws IOException {
        byte[] workbook = workbook("PARTICIPANTS", (sheet, dateStyle) ->
                header(sheet, "N° participant", "NOM", "Prénom", "Date de naissance"));

        assertThat(XlsxRecords.read(PLIE, workbook)).isEmpty();
    }

    @Test
    void rejectsAWorkbookLackingARequiredColumn() throws IOException {
        byte[] workbook = workbook("Participants", (sheet, dateStyle) -> header(sheet, "N° participant", "NOM", "Prénom"));

        assertThatThrownBy(() -> XlsxRecords.read(PLIE, workbook))
                .isInstanceOf(UnusablePayloadException.class)
                .hasMessage("colonne obligatoire absente : « Date de naissance »");
    }

    @Test
    void rejectsAnEmptySheet() throws IOException {
        byte[] workbook = workbook("Participants", (sheet, dateStyle) -> {
        });

        assertThatThrownBy(() -> XlsxRecords.read(PLIE, workbook))
                .isInstanceOf(UnusablePayloadException.class)
                .hasMessage("la feuille « Participants » est vide");
    }

    @Test
    void rejectsAZipThatIsNotAWorkbook() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("notes.txt"));
            zip.write("bonjour".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        assertThatThrownBy(() -> XlsxRecords.read(PLIE, bytes.toByteArray()))
                .isInstanceOf(UnusablePayloadException.class)
                .hasMessageStartingWith("le fichier n'est pas un classeur Excel (.xlsx) lisible");
    }

    @Test
    void refusesAZipBombWhileItInflates() throws IOException {
        byte[] bomb = fr.passerelle.hub.testsupport.InflatingWorkbook.of(PLIE.sheet(), 20);

        assertThatThrownBy(() -> XlsxRecords.read(PLIE, bomb))
                .isInstanceOf(UnusablePayloadException.class)
                .extracting(e -> ((UnusablePayloadException) e).code()).isEqualTo("CLASSEUR_SUSPECT");
    }

    @Test
    void rejectsAnOldExcelOrEncryptedWorkbookAsNotReadable() {
        byte[] ole2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0};

        assertThatThrownBy(() -> XlsxRecords.read(PLIE, ole2))
                .isInstanceOf(UnusablePayloadException.class)
                .hasMessageStartingWith("le fichier n'est pas un classeur Excel (.xlsx) lisible");
    }

    @Test
    void writesNumbersAsAPersonWouldTypeThem() {
        assertThat(XlsxRecords.numberText("6.12345678E8")).isEqualTo("612345678");
        assertThat(XlsxRecords.numberText("45000.0")).isEqualTo("45000");
        assertThat(XlsxRecords.numberText("45000.25")).isEqualTo("45000.25");
        assertThat(XlsxRecords.isoDateToSerial("2023-03-15T00:00:00")).isEqualTo("45000");
    }

    private interface SheetContent {
        void fill(Sheet sheet, CellStyle dateStyle);
    }

    private static byte[] workbook(String sheetName, SheetContent content) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd/mm/yyyy"));
            content.fill(workbook.createSheet(sheetName), dateStyle);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            workbook.write(out);
            return out.toByteArray();
        }
    }

    private static void header(Sheet sheet, String... names) {
        Row row = sheet.createRow(0);
        for (int i = 0; i < names.length; i++) {
            row.createCell(i).setCellValue(names[i]);
        }
    }
}
