package fr.passerelle.hub.pull;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.partner.PartnerFolders;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import fr.passerelle.hub.testsupport.PartnerSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub pulls the Mission Locale's dossiers API from a real HTTP server. The feed's timer stays off here: each
 * test runs the feed once, synchronously, through its run route, as the timer would.
 */
class MissionLocaleApiPullIT extends HubIntegrationTest {

    private static final String FEED = "ml-val-orge-api";
    private static final String RUN = "direct:ml-val-orge-api-pull-run";
    private static final Instant LATEST_SAMPLE_UPDATE = OffsetDateTime.parse("2026-11-20T09:45:00+01:00").toInstant();
    private static final FakeMissionLocaleApi API = new FakeMissionLocaleApi();

    @DynamicPropertySource
    static void pointTheFeedAtTheFakePartner(DynamicPropertyRegistry registry) {
        registry.add("passerelle.pull.api.ml-val-orge-api.base-url", () -> API.baseUrl().toString());
        registry.add("passerelle.pull.api.ml-val-orge-api.token", () -> FakeMissionLocaleApi.TOKEN);
        registry.add("passerelle.pull.api.ml-val-orge-api.page-size", () -> "10");
        // Enabled, as in production, for its health; its timer never fires during the tests, which run it themselves.
        registry.add("passerelle.pull.api.ml-val-orge-api.enabled", () -> "true");
        registry.add("passerelle.pull.api.ml-val-orge-api.initial-delay", () -> "1h");
    }

    @AfterAll
    static void stopThePartner() {
        API.close();
    }

    @Autowired
    ProducerTemplate camel;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PullCheckpointStore checkpoints;

    @Autowired
    PartnerFolders folders;

    @BeforeEach
    void freshFeed() {
        API.reset();
        jdbc.sql("delete from pull_checkpoint where feed_id = :feed").param("feed", FEED).update();
    }

    @Test
    void firstRunTakesEveryPageThenMovesTheCheckpointToTheLatestUpdate() throws IOException {
        runFeed();

        assertThat(API.requests()).extracting(FakeMissionLocaleApi.Request::page).containsExactly("1", "2");
        assertThat(API.requests()).allSatisfy(request -> {
            assertThat(request.authorization()).isEqualTo("Bearer " + FakeMissionLocaleApi.TOKEN);
            assertThat(request.since()).isNull();
            assertThat(request.query()).containsEntry("taillePage", "10");
        });
        assertThat(referralKeys()).containsAll(truthKeys());
        assertThat(jdbc.sql("""
                        select count(*) from referral where partner_id = 'ml-val-orge' and status = 'ACCEPTED'
                        and record_key in (:keys)""").param("keys", truthKeys()).query(Integer.class).single())
                .isEqualTo(16);
        assertThat(jdbc.sql("""
                        select records_accepted from inbound_file where partner_id = 'ml-val-orge' and channel = 'API_PULL'
                        and status = 'DONE' and file_name like 'dossiers-depuis-origine-page-%' order by file_name""")
                .query(Integer.class).list()).containsExactly(10, 6);
        assertThat(checkpoints.state(FEED)).hasValueSatisfying(state -> {
            assertThat(state.checkpoint()).isEqualTo(LATEST_SAMPLE_UPDATE);
            assertThat(state.lastRunOutcome()).isEqualTo("OK");
        });
    }

    @Test
    void nextRunAsksForChangesSinceTheCheckpointAndRevisesOnlyTheChangedDossier() {
        runFeed();
        Map<String, Integer> revisionsBefore = revisionsByKey();
        API.clearRequests();
        API.update("85064182", Map.of("telephone", "0611223344", "dateMiseAJour", "2026-11-21T10:00:00+01:00"));

        runFeed();

        assertThat(API.requests()).isNotEmpty().allSatisfy(request ->
                assertThat(request.since()).isEqualTo("2026-11-20T09:45:00+01:00"));
        assertThat(API.requests()).extracting(FakeMissionLocaleApi.Request::page).containsExactly("1");
        Map<String, Integer> revisionsAfter = revisionsByKey();
        assertThat(revisionsAfter.get("85064182")).isEqualTo(revisionsBefore.get("85064182") + 1);
        revisionsBefore.remove("85064182");
        revisionsAfter.remove("85064182");
        assertThat(revisionsAfter).isEqualTo(revisionsBefore);
        assertThat(jdbc.sql("""
                        select canonical -> 'contact' -> 'phones' ->> 0 from referral
                        where partner_id = 'ml-val-orge' and record_key = '85064182'""")
                .query(String.class).single()).isEqualTo("+33611223344");
        assertThat(checkpoints.checkpoint(FEED))
                .hasValue(OffsetDateTime.parse("2026-11-21T10:00:00+01:00").toInstant());
    }

    @Test
    void everyRunReadsTheCheckpointFromTheDatabase() {
        storeCheckpoint(OffsetDateTime.parse("2026-11-20T09:00:00+01:00").toInstant());

        runFeed();

        assertThat(API.requests()).extracting(FakeMissionLocaleApi.Request::since)
                .containsExactly("2026-11-20T09:00:00+01:00");
        assertThat(checkpoints.checkpoint(FEED)).hasValue(LATEST_SAMPLE_UPDATE);
    }

    @Test
    void serverErrorsAreRetriedWithBackOffUntilThePagePasses() {
        API.failNext(500, 500);

        runFeed();

        assertThat(API.requests()).extracting(FakeMissionLocaleApi.Request::status).containsExactly(500, 500, 200, 200);
        assertThat(API.requests()).extracting(FakeMissionLocaleApi.Request::page).containsExactly("1", "1", "1", "2");
        assertThat(checkpoints.state(FEED)).hasValueSatisfying(state -> {
            assertThat(state.checkpoint()).isEqualTo(LATEST_SAMPLE_UPDATE);
            assertThat(state.lastRunOutcome()).isEqualTo("OK");
        });
    }

    @Test
    void partnerStillDownAfterTheLastRetryStopsTheRunAndKeepsTheCheckpoint() {
        Instant before = OffsetDateTime.parse("2026-11-20T09:00:00+01:00").toInstant();
        storeCheckpoint(before);
        API.failNext(503, 503, 503, 503);

        runFeed();

        assertThat(API.requests()).extracting(FakeMissionLocaleApi.Request::status)
                .as("one call and the 3 retries of application-test.yml").containsExactly(503, 503, 503, 503);
        assertThat(checkpoints.state(FEED)).hasValueSatisfying(state -> {
            assertThat(state.checkpoint()).isEqualTo(before);
            assertThat(state.lastRunOutcome()).isEqualTo("FAILED");
            assertThat(state.lastRunDetail()).startsWith("HTTP_503");
        });

        runFeed();

        assertThat(checkpoints.checkpoint(FEED)).hasValue(LATEST_SAMPLE_UPDATE);
    }

    @Test
    void unreadablePageIsReportedAndTheRunKeepsItsCheckpoint() {
        Instant before = OffsetDateTime.parse("2026-11-19T00:00:00+01:00").toInstant();
        storeCheckpoint(before);
        API.servePageAs(2, "{\"page\":2,\"totalPages\":2,\"dossiers\":[{\"idDossier\":\"4887"
                .getBytes(StandardCharsets.UTF_8));

        runFeed();

        assertThat(API.requests()).extracting(FakeMissionLocaleApi.Request::page).containsExactly("1", "2");
        String pageTwo = DossiersApi.pageName(before, 2);
        assertThat(jdbc.sql("select status || ' ' || reason_code from inbound_file where file_name = :name")
                .param("name", pageTwo).query(String.class).single()).isEqualTo("REJECTED JSON_MALFORME");
        assertThat(jdbc.sql("select status from inbound_file where file_name = :name")
                .param("name", DossiersApi.pageName(before, 1)).query(String.class).single()).isEqualTo("DONE");
        assertThat(folders.outbox("ml-val-orge").resolve(pageTwo.replace(".json", ".rejets.csv"))).exists();
        assertThat(checkpoints.state(FEED)).hasValueSatisfying(state -> {
            assertThat(state.checkpoint()).isEqualTo(before);
            assertThat(state.lastRunOutcome()).isEqualTo("REJECTED");
            assertThat(state.lastRunDetail()).startsWith("PAGE_INUTILISABLE");
        });
    }

    @Test
    void refusalIsJournaledAndNotRetried() {
        int journaled = refusalsJournaled();
        API.failNext(403);

        runFeed();

        assertThat(API.requests()).extracting(FakeMissionLocaleApi.Request::status).containsExactly(403);
        assertThat(refusalsJournaled()).isEqualTo(journaled + 1);
        assertThat(checkpoints.state(FEED)).hasValueSatisfying(state -> {
            assertThat(state.checkpoint()).isNull();
            assertThat(state.lastRunOutcome()).isEqualTo("REJECTED");
            assertThat(state.lastRunDetail()).startsWith("HTTP_403");
        });
    }

    @Test
    void theFeedIsDownUntilItsFirstGoodRunAndAfterAFailedOneWithoutTakingTheHubDown() {
        assertThat(feedHealth().path("status").asText()).isEqualTo("DOWN");
        assertThat(pulledFeeds().path("status").asText()).isEqualTo("DEGRADED");

        runFeed();
        assertThat(feedHealth().path("status").asText()).isEqualTo("UP");
        assertThat(pulledFeeds().path("status").asText()).isEqualTo("UP");

        API.failNext(503, 503, 503, 503);
        runFeed();
        assertThat(feedHealth().path("status").asText()).isEqualTo("DOWN");
        assertThat(feedHealth().path("lastRunOutcome").asText()).isEqualTo("FAILED");
        assertThat(getAsOperator("/actuator/health").statusCode()).isEqualTo(200);
    }

    private JsonNode pulledFeeds() {
        return Json.read(getAsOperator("/actuator/health").body()).path("components").path("pulledFeeds");
    }

    private JsonNode feedHealth() {
        return pulledFeeds().path("details").path(FEED);
    }

    private void runFeed() {
        camel.sendBody(RUN, null);
    }

    private void storeCheckpoint(Instant checkpoint) {
        jdbc.sql("insert into pull_checkpoint (feed_id, partner_id, checkpoint) values (:feed, 'ml-val-orge', :at)")
                .param("feed", FEED).param("at", Timestamp.from(checkpoint)).update();
    }

    private int refusalsJournaled() {
        return jdbc.sql("""
                        select count(*) from raw_message where partner_id = 'ml-val-orge' and channel = 'API_PULL'
                        and outcome = 'REJECTED' and outcome_detail = 'HTTP_403'""").query(Integer.class).single();
    }

    private List<String> referralKeys() {
        return jdbc.sql("select record_key from referral where partner_id = 'ml-val-orge'").query(String.class).list();
    }

    private Map<String, Integer> revisionsByKey() {
        return jdbc.sql("""
                        select r.record_key, count(*) as revisions from referral r
                        join referral_revision v on v.referral_id = r.id
                        where r.partner_id = 'ml-val-orge' group by r.record_key""")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getInt(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    static List<String> truthKeys() {
        return PartnerSamples.truth().stream()
                .map(line -> line.split(","))
                .filter(cells -> cells[0].equals("ml-val-orge") && cells[1].startsWith("export-imilo-2026-11-20.csv"))
                .map(cells -> cells[2])
                .toList();
    }
}
