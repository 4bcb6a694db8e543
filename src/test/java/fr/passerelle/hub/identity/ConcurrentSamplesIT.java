package fr.passerelle.hub.identity;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.PartnerSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.passerelle.hub.pull.FakeMissionLocaleApi;
import fr.passerelle.hub.testsupport.HubData;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.PartnerSamples;
import fr.passerelle.hub.testsupport.PartnerSftpClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Partners do not wait for each other: every valid sample arrives at once, through its real channel — the Mission
 * Locale's two CSV exports, France Travail's extract and the PLIE's workbook pushed over SFTP, the Mission Locale's
 * dossiers API pulled, AILE's referrals posted over REST — in a different order each round. Each round the hub
 * must end with the 40 people of truth.csv, each on one record (issue "one person, one record whatever the order").
 */
@TestPropertySource(properties = "passerelle.test.isolated-context=concurrent-samples")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ConcurrentSamplesIT extends HubIntegrationTest {

    private static final Duration PROCESSING = Duration.ofSeconds(90);
    private static final FakeMissionLocaleApi MISSION_LOCALE_API = new FakeMissionLocaleApi();
    private static final Map<String, String> PUSHED = Map.of(
            "ml-val-orge/valid/export-imilo-2026-11-20.csv", "ml-val-orge",
            "ml-val-orge/valid/export-imilo-2026-11-20-utf8-bom.csv", "ml-val-orge",
            "ft-91/valid/extract_orientations_creation_20261120.csv", "ft-91",
            "plie-val-orge/valid/participants-orientes-2026-11-20.xlsx", "plie-val-orge");

    @DynamicPropertySource
    static void pointTheFeedAtTheMissionLocale(DynamicPropertyRegistry registry) {
        registry.add("passerelle.pull.api.ml-val-orge-api.base-url", () -> MISSION_LOCALE_API.baseUrl().toString());
        registry.add("passerelle.pull.api.ml-val-orge-api.token", () -> FakeMissionLocaleApi.TOKEN);
        registry.add("passerelle.pull.api.ml-val-orge-api.page-size", () -> "5");
    }

    @AfterAll
    static void stopThePartner() {
        MISSION_LOCALE_API.close();
    }

    @Value("${local.sftp.port}")
    int sftpPort;

    @Autowired
    ProducerTemplate camel;

    @Autowired
    JdbcClient jdbc;

    @ParameterizedTest(name = "arrival order {0}")
    @ValueSource(longs = {1, 2, 3})
    void everyPersonEndsOnExactlyOneRecord(long order) throws Exception {
        HubData.forgetEveryReferral(jdbc);

        arriveAllAtOnce(new Random(order));

        assertThat(activeBeneficiaries()).isEqualTo(40);
        assertThat(jdbc.sql("select count(*) from referral").query(Integer.class).single()).isEqualTo(60);
        SampleTruth.assertEveryPersonOnOneRecordAndNobodyElses(jdbc);
        assertThat(jdbc.sql("select count(*) from identity_review where status = 'PENDING'").query(Integer.class).single())
                .isZero();
    }

    private void arriveAllAtOnce(Random random) throws Exception {
        List<Callable<Void>> arrivals = new ArrayList<>();
        PUSHED.forEach((sample, partner) -> arrivals.add(() -> push(partner, sample)));
        for (Path referral : PartnerSamples.folder("aile/valid")) {
            arrivals.add(() -> post(referral));
        }
        arrivals.add(() -> {
            camel.sendBody("direct:ml-val-orge-api-pull-run", null);
            return null;
        });
        Collections.shuffle(arrivals, random);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService partners = Executors.newFixedThreadPool(arrivals.size());
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (Callable<Void> arrival : arrivals) {
                done.add(partners.submit(() -> {
                    start.await();
                    return arrival.call();
                }));
            }
            start.countDown();
            for (Future<Void> arrival : done) {
                arrival.get();
            }
        } finally {
            partners.shutdownNow();
        }
        PUSHED.forEach((sample, partner) -> await().atMost(PROCESSING).until(() -> jdbc.sql("""
                        select count(*) from inbound_file where partner_id = :partner and file_name = :name
                        and status = 'DONE'""")
                .param("partner", partner).param("name", Path.of(sample).getFileName().toString())
                .query(Integer.class).single() == 1));
    }

    private Void push(String partner, String sample) throws IOException {
        try (PartnerSftpClient client = PartnerSftpClient.asPartner(sftpPort, partner)) {
            client.put("/inbox/" + Path.of(sample).getFileName(), sample(sample));
        }
        return null;
    }

    private Void post(Path referral) throws IOException {
        assertThat(postJson("/api/v1/referrals", AILE_KEY, Files.readAllBytes(referral)).statusCode()).isIn(200, 202);
        return null;
    }

    private int activeBeneficiaries() {
        return jdbc.sql("select count(*) from beneficiary where status = 'ACTIVE'").query(Integer.class).single();
    }
}
