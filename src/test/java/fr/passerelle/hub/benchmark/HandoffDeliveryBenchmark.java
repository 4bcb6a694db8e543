package fr.passerelle.hub.benchmark;

import static org.awaitility.Awaitility.await;

import fr.passerelle.hub.handoff.WebhookReceiver;
import fr.passerelle.hub.identity.eval.ReferralSetGenerator;
import fr.passerelle.hub.testsupport.PartnerDialects;
import fr.passerelle.hub.testsupport.PartnerSftpClient;
import fr.passerelle.hub.testsupport.StandaloneHub;
import fr.passerelle.hub.testsupport.SyntheticReferral;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Handoff delivery to a webhook receiver (issue 10, figure 3). A Mission Locale export of {@code benchmark.handoffs}
 * rows (default 2,000) is taken in with the dispatcher stopped: one acknowledgement handoff per referral waits in the
 * outbox for the Mission Locale's webhook (a real HTTP server checking the HMAC signature). The dispatcher is then
 * started: handoffs/s until every one is delivered. Then, dispatcher running, small files arrive one a second:
 * event-to-delivery latency (handoff created → delivered), p50 and p99. Settings as in application.yml.
 * {@code ./mvnw -B -ntp -o verify -Pbenchmarks -Dbenchmarks=HandoffDeliveryBenchmark}.
 */
class HandoffDeliveryBenchmark {

    private static final String SECRET = "benchmark-webhook-secret";

    @Test
    void handoffsPerSecondToAWebhookAndEventToDeliveryLatency() throws Exception {
        int handoffs = Integer.getInteger("benchmark.handoffs", 2_000);
        int trickle = 20;
        int files = 15;
        List<SyntheticReferral> people = new ReferralSetGenerator(Long.getLong("benchmark.seed", 20261202L))
                .referrals("ml-val-orge", handoffs + trickle * files);
        Path temp = Path.of("target", "benchmarks", "handoffs-" + UUID.randomUUID()).toAbsolutePath();
        BenchmarkReport.header(HandoffDeliveryBenchmark.class, "Handoff delivery by webhook, " + handoffs + " handoffs",
                "./mvnw -B -ntp -o verify -Pbenchmarks -Dbenchmarks=HandoffDeliveryBenchmark -Dbenchmark.handoffs="
                        + handoffs);
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET);
             ConfigurableApplicationContext hub = StandaloneHub.startFresh(temp,
                     "--passerelle.sftp.host-key-file=" + temp.resolve("sftp-host-key"),
                     "--passerelle.handoffs.dispatch.enabled=false",
                     "--passerelle.handoffs.webhooks.ml-val-orge.url=" + receiver.url(),
                     "--passerelle.handoffs.webhooks.ml-val-orge.secret=" + SECRET)) {
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            int port = Integer.parseInt(hub.getEnvironment().getProperty("local.sftp.port"));
            try (PartnerSftpClient ml = PartnerSftpClient.asPartner(port, "ml-val-orge")) {
                ml.put("/inbox/export-imilo-bench-handoffs.csv",
                        PartnerDialects.missionLocaleCsv(people.subList(0, handoffs)));
            }
            await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(500)).until(() -> count(jdbc,
                    "select count(*) from inbound_file where status = 'DONE'") == 1);
            int waiting = count(jdbc, "select count(*) from handoff where channel = 'WEBHOOK' and status = 'PENDING'");

            long start = System.nanoTime();
            hub.getBean(CamelContext.class).getRouteController().startRoute("handoff-dispatch");
            await().atMost(Duration.ofHours(1)).pollInterval(Duration.ofMillis(100)).until(() -> count(jdbc,
                    "select count(*) from handoff where channel = 'WEBHOOK' and status = 'PENDING'") == 0);
            double seconds = (System.nanoTime() - start) / 1e9;
            int delivered = count(jdbc, "select count(*) from handoff where channel = 'WEBHOOK' and status = 'DELIVERED'");
            BenchmarkReport.figure("%,d webhook handoffs waiting, dispatcher started: %,d delivered in %.1f s = **%.0f "
                            + "handoffs/s** (receiver: %,d distinct ids, %d duplicates)", waiting, delivered, seconds,
                    delivered / seconds, receiver.deliveries().size(),
                    receiver.deliveries().values().stream().mapToInt(n -> n - 1).sum());

            String since = jdbc.sql("select cast(now() as text)").query(String.class).single();
            try (PartnerSftpClient ml = PartnerSftpClient.asPartner(port, "ml-val-orge")) {
                for (int i = 0; i < files; i++) {
                    int from = handoffs + i * trickle;
                    ml.put("/inbox/export-imilo-bench-trickle-" + i + ".csv",
                            PartnerDialects.missionLocaleCsv(people.subList(from, from + trickle)));
                    await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
                }
            }
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> count(jdbc,
                    "select count(*) from handoff where channel = 'WEBHOOK' and status <> 'DELIVERED'") == 0);
            Map<String, Object> latency = jdbc.sql("""
                            select count(*) as n,
                                percentile_cont(0.5) within group (order by extract(epoch from delivered_at - created_at))
                                    * 1000 as p50,
                                percentile_cont(0.99) within group (order by extract(epoch from delivered_at - created_at))
                                    * 1000 as p99
                            from handoff where channel = 'WEBHOOK' and created_at >= cast(:since as timestamptz)""")
                    .param("since", since).query().singleRow();
            BenchmarkReport.figure("dispatcher running, %d files of %d rows a second apart: %s handoffs, event (handoff "
                            + "written) to delivery p50 %.0f ms, **p99 %.0f ms** (poll interval %s)", files, trickle,
                    latency.get("n"), ((Number) latency.get("p50")).doubleValue(),
                    ((Number) latency.get("p99")).doubleValue(),
                    hub.getEnvironment().getProperty("passerelle.handoffs.dispatch.poll-interval"));
        }
    }

    private static int count(JdbcClient jdbc, String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
