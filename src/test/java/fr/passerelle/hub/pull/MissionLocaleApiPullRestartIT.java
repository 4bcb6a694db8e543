package fr.passerelle.hub.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.passerelle.hub.testsupport.StandaloneHub;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The feed on its schedule, across a restart of the hub on the same database: the second hub's first run asks
 * from the checkpoint the first one stored. Not a {@code HubIntegrationTest}: it starts and stops hubs itself,
 * as {@code startup/RestartKeepsDataIT} does, because a shared test context cannot be restarted on its data.
 */
class MissionLocaleApiPullRestartIT {

    private static final FakeMissionLocaleApi API = new FakeMissionLocaleApi();
    private static final Instant LATEST_SAMPLE_UPDATE = OffsetDateTime.parse("2026-11-20T09:45:00+01:00").toInstant();

    @TempDir
    Path temp;

    @AfterAll
    static void stopThePartner() {
        API.close();
    }

    @Test
    void scheduledPullResumesFromTheStoredCheckpointAfterARestart() {
        try (ConfigurableApplicationContext hub = start()) {
            PullCheckpointStore checkpoints = hub.getBean(PullCheckpointStore.class);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> checkpoints.checkpoint("ml-val-orge-api"), Optional::isPresent);
            assertThat(checkpoints.checkpoint("ml-val-orge-api")).hasValue(LATEST_SAMPLE_UPDATE);
            assertThat(API.requests().get(0).since()).isNull();
        }
        int beforeRestart = API.requests().size();

        try (ConfigurableApplicationContext hub = start()) {
            assertThat(hub.getBean(PullCheckpointStore.class).checkpoint("ml-val-orge-api"))
                    .hasValue(LATEST_SAMPLE_UPDATE);
            await().atMost(Duration.ofSeconds(30)).until(() -> API.requests().size() > beforeRestart);
            List<FakeMissionLocaleApi.Request> afterRestart = API.requests().subList(beforeRestart, API.requests().size());
            assertThat(afterRestart).extracting(FakeMissionLocaleApi.Request::since)
                    .containsOnly("2026-11-20T09:45:00+01:00");
        }
    }

    private ConfigurableApplicationContext start() {
        return StandaloneHub.startOnKeptData(temp, "--spring.profiles.active=test",
                "--passerelle.pull.api.ml-val-orge-api.enabled=true",
                "--passerelle.pull.api.ml-val-orge-api.initial-delay=0",
                "--passerelle.pull.api.ml-val-orge-api.period=200",
                "--passerelle.pull.api.ml-val-orge-api.base-url=" + API.baseUrl(),
                "--passerelle.pull.api.ml-val-orge-api.token=" + FakeMissionLocaleApi.TOKEN,
                "--passerelle.pull.api.ml-val-orge-api.page-size=10");
    }

}
