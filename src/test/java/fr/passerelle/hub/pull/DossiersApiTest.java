package fr.passerelle.hub.pull;

import static fr.passerelle.hub.testsupport.PartnerSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class DossiersApiTest {

    private static final URI BASE = URI.create("https://api.ml.example.org/v1/");

    @Test
    void firstRunAsksForEverythingFromPageOne() {
        assertThat(DossiersApi.pageUri(BASE, null, 1, 50))
                .hasToString("https://api.ml.example.org/v1/dossiers?page=1&taillePage=50");
    }

    @Test
    void laterRunsAskForWhatChangedSinceTheCheckpointInPartnerLocalTime() {
        Instant checkpoint = OffsetDateTime.parse("2026-11-20T08:45:00Z").toInstant();
        URI uri = DossiersApi.pageUri(URI.create("https://api.ml.example.org/v1"), checkpoint, 3, 10);
        assertThat(uri).hasToString(
                "https://api.ml.example.org/v1/dossiers?modifiesDepuis=2026-11-20T09%3A45%3A00%2B01%3A00&page=3&taillePage=10");
        assertThat(DossiersApi.formatSince(OffsetDateTime.parse("2026-07-01T10:00:00Z").toInstant()))
                .isEqualTo("2026-07-01T12:00:00+02:00");
    }

    @Test
    void pageNameCarriesTheCheckpointAndIsSafeAsAFileName() {
        assertThat(DossiersApi.pageName(null, 1)).isEqualTo("dossiers-depuis-origine-page-1.json");
        assertThat(DossiersApi.pageName(OffsetDateTime.parse("2026-11-20T09:45:00+01:00").toInstant(), 2))
                .isEqualTo("dossiers-depuis-20261120T084500Z-page-2.json")
                .matches("[A-Za-z0-9._-]+");
    }

    @Test
    void summarizesTheSamplePagesPagingAndLatestUpdate() throws Exception {
        DossiersApi.PageSummary first = DossiersApi.summarize(sample("ml-val-orge/api/dossiers-page-1.json"));
        DossiersApi.PageSummary second = DossiersApi.summarize(sample("ml-val-orge/api/dossiers-page-2.json"));
        assertThat(first).isEqualTo(new DossiersApi.PageSummary(1, 2, 10,
                OffsetDateTime.parse("2026-11-20T09:03:00+01:00").toInstant(), 0));
        assertThat(second).isEqualTo(new DossiersApi.PageSummary(2, 2, 6,
                OffsetDateTime.parse("2026-11-20T09:45:00+01:00").toInstant(), 0));
    }

    @Test
    void latestUpdateComparesInstantsNotTexts() {
        DossiersApi.PageSummary summary = summarize("""
                {"page":1,"totalPages":1,"dossiers":[
                  {"dateMiseAJour":"2026-11-20T10:00:00+01:00"},
                  {"dateMiseAJour":"2026-11-20T09:30:00Z"}]}""");
        assertThat(summary.latestUpdate()).isEqualTo(OffsetDateTime.parse("2026-11-20T09:30:00Z").toInstant());
    }

    @Test
    void dossierWithoutReadableUpdateTimeIsCountedButDoesNotMoveTheCheckpoint() {
        DossiersApi.PageSummary summary = summarize("""
                {"page":1,"totalPages":1,"dossiers":[
                  {"dateMiseAJour":"2026-11-20T10:00:00+01:00"},
                  {"dateMiseAJour":"20/11/2026"},
                  {}]}""");
        assertThat(summary.undated()).isEqualTo(2);
        assertThat(summary.latestUpdate()).isEqualTo(OffsetDateTime.parse("2026-11-20T09:00:00Z").toInstant());
    }

    @Test
    void emptyAnswerHasNoLatestUpdate() {
        DossiersApi.PageSummary summary = summarize("{\"page\":1,\"totalPages\":0,\"dossiers\":[]}");
        assertThat(summary.totalPages()).isZero();
        assertThat(summary.latestUpdate()).isNull();
    }

    @Test
    void rejectsMalformedJson() {
        assertThatThrownBy(() -> summarize("{\"page\":1,\"totalPages\":2,\"dossiers\":[{\"idDossier\":"))
                .isInstanceOf(PullRejectedException.class)
                .satisfies(e -> assertThat(((PullRejectedException) e).code()).isEqualTo("PAGE_ILLISIBLE"))
                .hasMessageContaining("JSON malformé");
    }

    @Test
    void rejectsPageWithoutTotalPages() {
        assertThatThrownBy(() -> summarize("{\"page\":1,\"dossiers\":[]}"))
                .isInstanceOf(PullRejectedException.class).hasMessageContaining("totalPages");
    }

    @Test
    void rejectsPageWithoutDossiersList() {
        assertThatThrownBy(() -> summarize("{\"page\":1,\"totalPages\":1,\"dossiers\":{}}"))
                .isInstanceOf(PullRejectedException.class).hasMessageContaining("dossiers");
    }

    private static DossiersApi.PageSummary summarize(String json) {
        return DossiersApi.summarize(json.getBytes(StandardCharsets.UTF_8));
    }
}
