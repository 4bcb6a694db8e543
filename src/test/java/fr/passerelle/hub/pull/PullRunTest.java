package fr.passerelle.hub.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PullRunTest {

    private static final Instant NINE = Instant.parse("2026-11-20T08:00:00Z");
    private static final Instant TEN = Instant.parse("2026-11-20T09:00:00Z");

    @Test
    void followsPagesUntilTheAnnouncedTotal() {
        PullRun run = PullRun.begin("feed", "ml-val-orge", "mapping", "route", null);
        assertThat(run.morePages()).isTrue();
        run = run.afterStored(new DossiersApi.PageSummary(1, 2, 10, NINE, 0));
        assertThat(run.page()).isEqualTo(2);
        assertThat(run.morePages()).isTrue();
        run = run.afterStored(new DossiersApi.PageSummary(2, 2, 6, TEN, 0));
        assertThat(run.morePages()).isFalse();
        assertThat(run.pagesStored()).isEqualTo(2);
        assertThat(run.nextCheckpoint()).isEqualTo(TEN);
    }

    @Test
    void emptyAnswerEndsTheRunAndKeepsTheCheckpoint() {
        PullRun run = PullRun.begin("feed", "ml-val-orge", "mapping", "route", NINE)
                .afterStored(new DossiersApi.PageSummary(1, 0, 0, null, 0));
        assertThat(run.morePages()).isFalse();
        assertThat(run.nextCheckpoint()).isEqualTo(NINE);
    }

    @Test
    void checkpointNeverMovesBack() {
        PullRun run = PullRun.begin("feed", "ml-val-orge", "mapping", "route", TEN)
                .afterStored(new DossiersApi.PageSummary(1, 1, 1, NINE, 0));
        assertThat(run.nextCheckpoint()).isEqualTo(TEN);
    }

    @Test
    void latestUpdateIsTheMaximumOverPagesWhateverTheirOrder() {
        PullRun run = PullRun.begin("feed", "ml-val-orge", "mapping", "route", null)
                .afterStored(new DossiersApi.PageSummary(1, 2, 10, TEN, 0))
                .afterStored(new DossiersApi.PageSummary(2, 2, 10, NINE, 0));
        assertThat(run.nextCheckpoint()).isEqualTo(TEN);
    }

    @Test
    void neverShowsThePageInLogs() {
        PullRun run = PullRun.begin("feed", "ml-val-orge", "mapping", "route", null)
                .withFetched("{\"nomNaissance\":\"Mathieu\"}".getBytes());
        assertThat(run.toString()).doesNotContain("Mathieu");
    }
}
