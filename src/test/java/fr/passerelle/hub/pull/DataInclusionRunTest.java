package fr.passerelle.hub.pull;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.directory.DataInclusionResource;
import java.net.URI;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DataInclusionRunTest {

    private static final LocalDate OCTOBER = LocalDate.of(2026, 10, 1);

    @Test
    void pagesUntilTheAnnouncedLastThenMovesTheCheckpointOnlyForward() {
        DataInclusionRun run = DataInclusionRun.begin("data-inclusion-services", DataInclusionResource.SERVICE, "r",
                OCTOBER);
        assertThat(run.morePages()).isTrue();
        run = run.afterApplied(2, LocalDate.of(2026, 9, 1), 0, 1);
        assertThat(run.morePages()).isTrue();
        assertThat(run.nextCheckpoint()).isEqualTo(OCTOBER);
        run = run.afterApplied(2, LocalDate.of(2026, 11, 15), 3, 0);
        assertThat(run.morePages()).isFalse();
        assertThat(run.nextCheckpoint()).isEqualTo(LocalDate.of(2026, 11, 15));
        assertThat(run.applied()).isEqualTo(3);
        assertThat(run.rejected()).isEqualTo(1);
    }

    @Test
    void anEmptyAnswerEndsTheRunAndKeepsTheCheckpoint() {
        DataInclusionRun run = DataInclusionRun.begin("f", DataInclusionResource.STRUCTURE, "r", OCTOBER)
                .afterApplied(0, null, 0, 0);
        assertThat(run.morePages()).isFalse();
        assertThat(run.nextCheckpoint()).isEqualTo(OCTOBER);
    }

    @Test
    void pagesAreAskedForTheDepartementWithTheApisParameters() {
        PullProperties.DataInclusionFeed feed = new PullProperties.DataInclusionFeed(true,
                URI.create("https://api.example.org/api/v1/"), "t", "2A", 100, 0, null, null, null);
        assertThat(DataInclusionPull.pageUri(feed, DataInclusionResource.SERVICE, 3)).hasToString(
                "https://api.example.org/api/v1/services?code_departement=2A&page=3&size=100");
    }
}
