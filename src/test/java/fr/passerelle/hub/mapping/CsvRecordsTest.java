package fr.passerelle.hub.mapping;

import fr.passerelle.hub.canonical.FieldIssue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CsvRecordsTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final MappingDefinition MAPPING = MappingParser.parse("mappings/test/people.v1.yaml", "test",
            "people.v1.yaml", """
                    partner: test
                    name: people
                    version: 1
                    format: csv
                    charsets: [UTF-8, windows-1252]
                    delimiter: ";"
                    nullValues: ["NULL"]
                    columns: [Identifiant, Nom, Prénom, Date de naissance, Remarque]
                    fields:
                      - { target: recordKey, source: Identifiant, normalizer: code, required: true }
                      - { target: identity.birthName, source: Nom, normalizer: name }
                      - { target: identity.firstNames, source: Prénom, normalizer: name, required: true }
                      - { target: identity.birthDate, source: Date de naissance, normalizer: date, required: true, options: { patterns: [dd/MM/yyyy] } }
                      - { target: project, source: Remarque }
                    """);

    @Test
    void readsAUtf8FileWithoutBomAsUtf8() {
        List<SourceRecord> records = read("Identifiant;Nom;Prénom;Date de naissance\n1;Lefèvre;Zoé;01/02/2000\n",
                StandardCharsets.UTF_8);

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.values("Prénom")).containsExactly("Zoé");
            assertThat(record.layout()).get().extracting(TabularLayout::charset).isEqualTo(StandardCharsets.UTF_8);
        });
    }

    @Test
    void fallsBackToWindows1252WhenTheBytesAreNotUtf8() {
        List<SourceRecord> records = read("Identifiant;Nom;Prénom;Date de naissance\r\n1;Lefèvre;Zoé;01/02/2000\r\n",
                WINDOWS_1252);

        assertThat(records.get(0).values("Nom")).containsExactly("Lefèvre");
        assertThat(records.get(0).layout()).get().satisfies(layout -> {
            assertThat(layout.charset()).isEqualTo(WINDOWS_1252);
            assertThat(layout.byteOrderMark()).isFalse();
        });
    }

    @Test
    void stripsAUtf8BomWhateverTheDeclaredCharsets() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        bytes.writeBytes("Identifiant;Nom;Prénom;Date de naissance\r\n1;Lefèvre;Zoé;01/02/2000\r\n"
                .getBytes(StandardCharsets.UTF_8));

        List<SourceRecord> records = CsvRecords.read(MAPPING, bytes.toByteArray());

        assertThat(records.get(0).values("Identifiant")).containsExactly("1");
        assertThat(records.get(0).layout()).get().extracting(TabularLayout::byteOrderMark).isEqualTo(true);
    }

    @Test
    void matchesHeadersWhateverTheirCaseAndAccents() {
        List<SourceRecord> records = read("IDENTIFIANT;nom;PRENOM;date de naissance\n1;Lefèvre;Zoé;01/02/2000\n",
                StandardCharsets.UTF_8);

        assertThat(records.get(0).values("Prénom")).containsExactly("Zoé");
        assertThat(records.get(0).values("Date de naissance")).containsExactly("01/02/2000");
        assertThat(records.get(0).values("Remarque")).isEmpty();
    }

    @Test
    void readsQuotedFieldsHoldingTheDelimiterQuotesAndLineBreaks() {
        List<SourceRecord> records = read("""
                Identifiant;Nom;Prénom;Date de naissance;Remarque
                1;Martin;Léa;01/02/2000;"deux lignes
                et un ; et des ""guillemets\"\""
                2;Durand;Paul;03/04/1999;
                """, StandardCharsets.UTF_8);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).values("Remarque")).containsExactly("deux lignes\net un ; et des \"guillemets\"");
        assertThat(records.get(0).position()).isEqualTo(2);
        assertThat(records.get(1).position()).as("the quoted line break counts as a line").isEqualTo(4);
    }

    @Test
    void givesLineNumbersOfTheFileSkippingBlankLines() {
        List<SourceRecord> records = read("Identifiant;Nom;Prénom;Date de naissance\r\n\r\n1;A;B;01/02/2000\r\n;;;\r\n"
                + "2;C;D;01/02/2000", StandardCharsets.UTF_8);

        assertThat(records).extracting(SourceRecord::position).containsExactly(3, 5);
    }

    @Test
    void keepsTheOriginalCellsInFileOrder() {
        List<SourceRecord> records = read("Nom;Identifiant;Prénom;Date de naissance\n Martin ;1;Léa;01/02/2000\n",
                StandardCharsets.UTF_8);

        assertThat(records.get(0).cells()).containsExactly(" Martin ", "1", "Léa", "01/02/2000");
        assertThat(records.get(0).layout()).get().extracting(TabularLayout::header)
                .isEqualTo(List.of("Nom", "Identifiant", "Prénom", "Date de naissance"));
    }

    @Test
    void rejectsARowWithTooFewCellsButNotTheFile() {
        List<SourceRecord> records = read("Identifiant;Nom;Prénom;Date de naissance\n1;A;B;01/02/2000\n2;C\n",
                StandardCharsets.UTF_8);

        assertThat(records.get(0).structuralError()).isEmpty();
        assertThat(records.get(1).structuralError()).get().satisfies(error -> {
            assertThat(error.code()).isEqualTo("COLONNES_MANQUANTES");
            assertThat(error.message()).startsWith("trop peu de colonnes (2 au lieu de 4)");
        });
        MappedRecord mapped = Samples.MAPPER.map(MAPPING, records.get(1));
        assertThat(mapped.accepted()).isFalse();
        assertThat(mapped.recordKey()).isEqualTo("2");
        assertThat(mapped.errors()).hasSize(1);
    }

    @Test
    void rejectsARowWithExtraNonEmptyCellsAndToleratesATrailingSeparator() {
        List<SourceRecord> records = read("Identifiant;Nom;Prénom;Date de naissance\n1;A;B;01/02/2000;\n"
                + "2;C;D;01/02/2000;en trop\n", StandardCharsets.UTF_8);

        assertThat(records.get(0).structuralError()).isEmpty();
        assertThat(records.get(1).structuralError()).get().extracting(FieldIssue::code).isEqualTo("COLONNES_EN_TROP");
    }

    @Test
    void toleratesAHeaderEndingWithASeparatorWhetherRowsRepeatItOrNot() {
        List<SourceRecord> records = read("Identifiant;Nom;Prénom;Date de naissance;\n1;A;B;01/02/2000;\n"
                + "2;C;D;01/02/2000\n", StandardCharsets.UTF_8);

        assertThat(records).allSatisfy(record -> assertThat(record.structuralError()).isEmpty());
        assertThat(records.get(1).values("Date de naissance")).containsExactly("01/02/2000");
    }

    @Test
    void keepsTheRowsBeforeALineCutInsideAQuotedField() {
        List<SourceRecord> records = read("Identifiant;Nom;Prénom;Date de naissance\n1;A;B;01/02/2000\n"
                + "2;C;\"D", StandardCharsets.UTF_8);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).structuralError()).isEmpty();
        assertThat(records.get(1).position()).isEqualTo(3);
        assertThat(records.get(1).structuralError()).get().extracting(FieldIssue::code).isEqualTo("LIGNE_ILLISIBLE");
    }

    @Test
    void rejectsTheFileWhenSeveralRequiredColumnsAreMissingNamingThemAll() {
        assertThatThrownBy(() -> read("Identifiant;Nom\n1;A\n", StandardCharsets.UTF_8))
                .isInstanceOf(UnusablePayloadException.class)
                .hasMessage("colonnes obligatoires absentes : « Prénom », « Date de naissance »");
    }

    @Test
    void rejectsTheFileWhenAMappedColumnAppearsTwice() {
        assertThatThrownBy(() -> read("Identifiant;Nom;Prénom;PRENOM;Date de naissance\n1;A;B;C;01/02/2000\n",
                StandardCharsets.UTF_8))
                .isInstanceOf(UnusablePayloadException.class)
                .hasMessageContaining("« Prénom »");
    }

    @Test
    void rejectsAnEmptyFile() {
        assertThatThrownBy(() -> CsvRecords.read(MAPPING, new byte[0]))
                .isInstanceOf(UnusablePayloadException.class).hasMessage("le fichier est vide");
        assertThatThrownBy(() -> read("\r\n\r\n", StandardCharsets.UTF_8))
                .isInstanceOf(UnusablePayloadException.class).hasMessage("le fichier est vide");
    }

    @Test
    void acceptsAHeaderOnlyFileAsNoRecords() {
        assertThat(read("Identifiant;Nom;Prénom;Date de naissance\r\n", StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void rejectsAFileNotDecodableInAnyDeclaredCharset() {
        MappingDefinition utf8Only = new MappingDefinition("test/strict.v1", "mappings/test/strict.v1.yaml", "test",
                MappingFormat.CSV, List.of(StandardCharsets.UTF_8), ';', null, MAPPING.columns(),
                MAPPING.requiredColumns(), Set.of(), null, MAPPING.fields());

        assertThatThrownBy(() -> CsvRecords.read(utf8Only, "Identifiant;Nom;Prénom;Date de naissance\n1;é;B;C\n"
                .getBytes(WINDOWS_1252)))
                .isInstanceOf(UnusablePayloadException.class)
                .hasMessage("fichier illisible dans les encodages attendus (UTF-8)");
    }

    @Test
    void refusesMoreRowsThanTheCap() {
        StringBuilder csv = new StringBuilder("Identifiant;Nom;Prénom;Date de naissance\n");
        for (int i = 0; i <= CsvRecords.MAX_ROWS; i++) {
            csv.append(i).append(";A;B;01/02/2000\n");
        }

        assertThatThrownBy(() -> read(csv.toString(), StandardCharsets.UTF_8))
                .isInstanceOf(UnusablePayloadException.class)
                .extracting(e -> ((UnusablePayloadException) e).code()).isEqualTo("FICHIER_TROP_VOLUMINEUX");
    }

    @Test
    void refusesAFileOverTheSizeCap() {
        assertThatThrownBy(() -> CsvRecords.read(MAPPING, new byte[CsvRecords.MAX_BYTES + 1]))
                .isInstanceOf(UnusablePayloadException.class)
                .extracting(e -> ((UnusablePayloadException) e).code()).isEqualTo("FICHIER_TROP_VOLUMINEUX");
    }

    @Test
    void treatsDeclaredNullLiteralsAsEmpty() {
        List<SourceRecord> records = read("Identifiant;Nom;Prénom;Date de naissance\n1;NULL;B;01/02/2000\n",
                StandardCharsets.UTF_8);

        MappedRecord mapped = Samples.MAPPER.map(MAPPING, records.get(0));
        assertThat(mapped.errors()).extracting(FieldIssue::field).contains("Nom");
    }

    private static List<SourceRecord> read(String csv, Charset charset) {
        return CsvRecords.read(MAPPING, csv.getBytes(charset));
    }
}
