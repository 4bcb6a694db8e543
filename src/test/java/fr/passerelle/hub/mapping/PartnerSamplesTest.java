package fr.passerelle.hub.mapping;

import fr.passerelle.hub.canonical.FieldIssue;

import static fr.passerelle.hub.mapping.Samples.map;
import static fr.passerelle.hub.mapping.Samples.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.passerelle.hub.canonical.Barrier;
import fr.passerelle.hub.canonical.CanonicalReferral;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The outcomes samples/README.md states, file by file, through the real mapping files. */
class PartnerSamplesTest {

    private static final String IMILO = "ml-val-orge/imilo-export.v1";
    private static final String ML_API = "ml-val-orge/dossiers-api.v1";
    private static final String FT = "ft-91/orientations-extract.v1";
    private static final String PLIE = "plie-val-orge/participants.v1";

    @ParameterizedTest
    @CsvSource({
            IMILO + ", ml-val-orge/valid/export-imilo-2026-11-20.csv, 16",
            IMILO + ", ml-val-orge/valid/export-imilo-2026-11-20-utf8-bom.csv, 16",
            FT + ", ft-91/valid/extract_orientations_creation_20261120.csv, 21",
            PLIE + ", plie-val-orge/valid/participants-orientes-2026-11-20.xlsx, 11",
            ML_API + ", ml-val-orge/api/dossiers-page-1.json, 10",
            ML_API + ", ml-val-orge/api/dossiers-page-2.json, 6"})
    void acceptsEveryRecordOfAValidSample(String mappingId, String sample, int expectedRecords) {
        List<MappedRecord> results = map(mappingId, sample);

        assertThat(results).hasSize(expectedRecords);
        assertThat(results).allSatisfy(result -> {
            assertThat(result.errors()).as("errors of record %s", result.position()).isEmpty();
            assertThat(result.warnings()).as("warnings of record %s", result.position()).isEmpty();
            assertThat(result.referral().recordKey()).isEqualTo(result.recordKey()).isNotBlank();
        });
    }

    @Test
    void readsTheWindows1252AndTheUtf8BomExportsIntoTheSameRecords() {
        List<MappedRecord> windows1252 = map(IMILO, "ml-val-orge/valid/export-imilo-2026-11-20.csv");
        List<MappedRecord> utf8Bom = map(IMILO, "ml-val-orge/valid/export-imilo-2026-11-20-utf8-bom.csv");

        assertThat(utf8Bom).isEqualTo(windows1252);
        CanonicalReferral first = windows1252.get(0).referral();
        assertThat(first.identity().firstNames()).isEqualTo("Mathéo");
        assertThat(first.address().commune()).isEqualTo("Brétigny-sur-Orge");
        assertThat(first.address().line()).isEqualTo("31 avenue Gabriel Péri");
    }

    @Test
    void readsMissionLocaleLabelsPhonesCounselorAndConsent() {
        Map<String, CanonicalReferral> byKey = byKey(map(IMILO, "ml-val-orge/valid/export-imilo-2026-11-20.csv"));

        CanonicalReferral ibrahima = byKey.get("85064182");
        assertThat(ibrahima.barriers()).containsExactlyInAnyOrder(Barrier.MOBILITE, Barrier.LANGUE_SAVOIRS);
        assertThat(ibrahima.contact().phones()).containsExactly("+33619552354");
        assertThat(ibrahima.identity().birthDate()).isEqualTo(LocalDate.of(2007, 7, 30));
        assertThat(ibrahima.identity().nir()).isEqualTo("107079400749763");
        assertThat(ibrahima.prescriber().firstName()).isEqualTo("Sophie");
        assertThat(ibrahima.prescriber().lastName()).isEqualTo("Marchand");
        assertThat(ibrahima.prescriber().email()).isEqualTo("s.marchand@ml-valdorge.example.org");
        assertThat(ibrahima.consent().given()).isTrue();
        assertThat(ibrahima.referralDate()).isEqualTo(LocalDate.of(2026, 11, 11));
        assertThat(byKey.get("38986082").identity().usageName()).isEqualTo("Schmitt");
    }

    @Test
    void mapsTheMissionLocaleApiPagesToTheSameDossiersAsTheCsvExport() {
        List<MappedRecord> api = new ArrayList<>(map(ML_API, "ml-val-orge/api/dossiers-page-1.json"));
        api.addAll(map(ML_API, "ml-val-orge/api/dossiers-page-2.json"));
        Map<String, CanonicalReferral> fromApi = byKey(api);
        Map<String, CanonicalReferral> fromCsv = byKey(map(IMILO, "ml-val-orge/valid/export-imilo-2026-11-20.csv"));

        assertThat(fromApi).hasSize(16);
        assertThat(fromApi.keySet()).isEqualTo(fromCsv.keySet());
        fromCsv.forEach((key, csv) -> {
            CanonicalReferral json = fromApi.get(key);
            // The API carries no NIR; everything else the two channels share must agree.
            assertThat(json.identity()).as(key).isEqualTo(csv.identity().withoutNir());
            assertThat(json.contact()).as(key).isEqualTo(csv.contact());
            assertThat(json.address()).as(key).isEqualTo(csv.address());
            assertThat(json.barriers()).as(key).isEqualTo(csv.barriers());
            assertThat(json.franceTravailId()).as(key).isEqualTo(csv.franceTravailId());
        });
        assertThat(fromApi.get("48870700").prescriber().structure()).isEqualTo("Mission Locale du Val d'Orge");
    }

    @Test
    void readsFranceTravailFlagsReferentAndNullLiterals() {
        Map<String, CanonicalReferral> byKey = byKey(map(FT, "ft-91/valid/extract_orientations_creation_20261120.csv"));

        CanonicalReferral leila = byKey.get("0999941P");
        assertThat(leila.franceTravailId()).isEqualTo("0999941P");
        assertThat(leila.identity().nir()).isNull();
        assertThat(leila.contact().phones()).isEmpty();
        assertThat(leila.situation().rsa()).isTrue();
        assertThat(leila.identity().birthDate()).isEqualTo(LocalDate.of(2006, 5, 19));
        assertThat(leila.employmentCounselor().lastName()).isEqualTo("LENOIR");
        assertThat(leila.employmentCounselor().structureCode()).isEqualTo("91027");
        assertThat(leila.prescriber().email()).isEqualTo("patrice.lenoir@francetravail.example.fr");
        assertThat(byKey.get("2792907Z").barriers())
                .containsExactlyInAnyOrder(Barrier.FINANCES, Barrier.ADMINISTRATIF_JURIDIQUE, Barrier.SANTE);
        assertThat(byKey.get("0657788E").identity().nir()).isEqualTo("193092A07895670");
    }

    @Test
    void readsPlieSerialDatesMergedPostalCellAndSeveralPhones() {
        Map<String, CanonicalReferral> byKey = byKey(map(PLIE, "plie-val-orge/valid/participants-orientes-2026-11-20.xlsx"));

        CanonicalReferral yanis = byKey.get("P16102");
        assertThat(yanis.identity().birthDate()).isEqualTo(LocalDate.of(1970, 11, 3));
        assertThat(yanis.address().postalCode()).isEqualTo("91700");
        assertThat(yanis.address().commune()).isEqualTo("Villiers-sur-Orge");
        assertThat(yanis.contact().phones()).containsExactly("+33676072408", "+33180683283");
        assertThat(yanis.barriers()).containsExactlyInAnyOrder(Barrier.ADMINISTRATIF_JURIDIQUE, Barrier.FAMILLE);
        assertThat(yanis.prescriber().lastName()).isEqualTo("Besson");
        assertThat(byKey.get("P18314").consent().given()).isFalse();
    }

    @Test
    void rejectsRowWithImpossibleBirthDateAndRowWithoutLastName() {
        List<MappedRecord> results = map(IMILO, "ml-val-orge/invalid/row-3-birth-date-31-02-row-5-no-last-name.csv");

        assertThat(results).hasSize(7);
        assertThat(results.stream().filter(MappedRecord::accepted)).hasSize(5);
        List<MappedRecord> rejected = results.stream().filter(result -> !result.accepted()).toList();
        // Data rows 3 and 5, i.e. lines 4 and 6 of the file (the header is line 1).
        assertThat(rejected).extracting(MappedRecord::position).containsExactly(4, 6);
        assertThat(rejected.get(0).errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("Date de naissance");
            assertThat(error.code()).isEqualTo("DATE_INVALIDE");
            assertThat(error.message()).contains("31/02/1990");
        });
        assertThat(rejected.get(1).errors()).singleElement().satisfies(error -> {
            assertThat(error.field()).isEqualTo("Nom de naissance");
            assertThat(error.code()).isEqualTo("CHAMP_OBLIGATOIRE");
        });
    }

    @Test
    void rejectsTheWholeFileWhenTheBirthDateColumnIsMissing() {
        assertThatThrownBy(() -> read(IMILO, "ml-val-orge/invalid/missing-column-date-de-naissance.csv"))
                .isInstanceOf(UnusablePayloadException.class)
                .hasMessage("colonne obligatoire absente : « Date de naissance »")
                .extracting(e -> ((UnusablePayloadException) e).code()).isEqualTo("COLONNE_ABSENTE");
    }

    @Test
    void dropsANirWithAWrongKeyWithAWarningAndKeepsTheRecord() {
        List<MappedRecord> results = map(FT, "ft-91/invalid/nir-with-wrong-key.csv");

        assertThat(results).hasSize(5).allMatch(MappedRecord::accepted);
        List<FieldIssue> warnings = results.stream().flatMap(result -> result.warnings().stream()).toList();
        assertThat(warnings).singleElement().satisfies(warning -> {
            assertThat(warning.field()).isEqualTo("nir");
            assertThat(warning.code()).isEqualTo("NIR_INVALIDE");
            assertThat(warning.message()).contains("clé");
        });
        MappedRecord noel = results.stream().filter(result -> "0657788E".equals(result.recordKey())).findFirst().orElseThrow();
        assertThat(noel.referral().identity().nir()).isNull();
    }

    @Test
    void rejectsATruncatedLastLineAndKeepsTheRowsBeforeIt() {
        List<MappedRecord> results = map(FT, "ft-91/invalid/last-line-truncated.csv");

        assertThat(results).hasSize(4);
        assertThat(results.subList(0, 3)).allMatch(MappedRecord::accepted);
        MappedRecord truncated = results.get(3);
        assertThat(truncated.accepted()).isFalse();
        assertThat(truncated.position()).isEqualTo(5);
        assertThat(truncated.recordKey()).isEqualTo("0486206B");
        assertThat(truncated.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo("COLONNES_MANQUANTES");
            assertThat(error.message()).contains("trop peu de colonnes");
        });
    }

    @Test
    void rejectsACsvRenamedAsXlsxAsNotASpreadsheet() {
        assertThatThrownBy(() -> read(PLIE, "plie-val-orge/invalid/csv-renamed-as-xlsx.xlsx"))
                .isInstanceOf(UnusablePayloadException.class)
                .hasMessage("le fichier n'est pas un classeur Excel (.xlsx) lisible");
    }

    @Test
    void rejectsAWorkbookWithoutTheParticipantsSheetNamingTheSheetsFound() {
        assertThatThrownBy(() -> read(PLIE, "plie-val-orge/invalid/sheet-named-Feuil1.xlsx"))
                .isInstanceOf(UnusablePayloadException.class)
                .hasMessage("feuille « Participants » introuvable (feuilles présentes : Feuil1)");
    }

    private static Map<String, CanonicalReferral> byKey(List<MappedRecord> results) {
        assertThat(results).allMatch(MappedRecord::accepted);
        return results.stream().map(MappedRecord::referral)
                .collect(Collectors.toMap(CanonicalReferral::recordKey, Function.identity()));
    }
}
