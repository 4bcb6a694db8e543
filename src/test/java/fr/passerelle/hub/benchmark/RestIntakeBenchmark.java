package fr.passerelle.hub.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.identity.eval.ReferralSetGenerator;
import fr.passerelle.hub.testsupport.PartnerDialects;
import fr.passerelle.hub.testsupport.StandaloneHub;
import fr.passerelle.hub.testsupport.SyntheticReferral;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * REST intake under load (issue 10, figures 2 and 5): AILE's referrals (generated people, AILE's JSON) posted to
 * {@code POST /api/v1/referrals} by a small java.net.http driver: at a rate it sustains ({@code
 * benchmark.sustainable-rate}, default 100/s) and at the fixed rate ({@code benchmark.rate}, default 200/s, latency counted from the moment each request was due, so a stalled hub cannot hide its queue), then at
 * saturation ({@code benchmark.clients} closed-loop clients). Also the hub's start-up time and the process's resident
 * memory idle and under load, and a short soak at the fixed rate comparing the heap after a full GC before and
 * after it. The hub runs in this JVM: resident memory includes the driver.
 * {@code ./mvnw -B -ntp -o verify -Pbenchmarks -Dbenchmarks=RestIntakeBenchmark}.
 */
class RestIntakeBenchmark {

    @Test
    void referralsPerSecondAndLatencyAtAFixedRateAndAtSaturation() throws Exception {
        int rate = Integer.getInteger("benchmark.rate", 200);
        int seconds = Integer.getInteger("benchmark.seconds", 30);
        int clients = Integer.getInteger("benchmark.clients", 16);
        int soakSeconds = Integer.getInteger("benchmark.soak-seconds", 120);
        int needed = 300 + (Integer.getInteger("benchmark.sustainable-rate", 100) + rate) * seconds + clients * 2_000
                + rate * soakSeconds;
        List<SyntheticReferral> people = new ReferralSetGenerator(Long.getLong("benchmark.seed", 20261202L))
                .referrals("aile", needed);
        List<byte[]> bodies = people.stream().map(person -> PartnerDialects.associationJson(person)).toList();
        Path temp = Path.of("target", "benchmarks", "rest-" + UUID.randomUUID()).toAbsolutePath();
        BenchmarkReport.header(RestIntakeBenchmark.class, "REST intake, AILE referrals",
                "./mvnw -B -ntp -o verify -Pbenchmarks -Dbenchmarks=RestIntakeBenchmark -Dbenchmark.rate=" + rate);

        long startAt = System.nanoTime();
        try (ConfigurableApplicationContext hub = StandaloneHub.startFresh(temp,
                "--passerelle.sftp.host-key-file=" + temp.resolve("sftp-host-key"),
                "--passerelle.handoffs.dispatch.enabled=false",
                // One partner sends everything here: its rate limit (600/min by default, a security setting, not the
                // hub's capacity) would answer 429 to the driver; raised to measure the intake itself.
                "--passerelle.api.rate-limit.requests-per-minute=6000000",
                "--passerelle.api.rate-limit.burst=100000",
                "--passerelle.api.bulkhead.max-concurrent=64")) {
            BenchmarkReport.figure("start-up (embedded PostgreSQL created, migrated, demo network seeded, ready): %.1f s",
                    (System.nanoTime() - startAt) / 1e9);
            BenchmarkReport.figure("resident memory idle (hub and driver, one JVM): %d MB", rssMegabytes());
            Driver driver = new Driver(Integer.parseInt(hub.getEnvironment().getProperty("local.server.port")), bodies);

            driver.fixedRate(100, 300, 3); // warm-up: JIT, connection pools, prepared statements
            // A rate the hub sustains (its latency), then the rate (its latency, or its queue when above).
            int sustainable = Integer.getInteger("benchmark.sustainable-rate", 100);
            Result steady = driver.fixedRate(sustainable, sustainable * seconds, seconds);
            BenchmarkReport.figure("fixed rate %d/s for %d s: %d sent, %d × 202, %.0f/s done, p50 %.1f ms, p99 %.1f ms, "
                            + "max %.1f ms", sustainable, seconds, steady.sent(), steady.accepted(), steady.throughput(),
                    steady.percentile(50), steady.percentile(99), steady.percentile(100));
            Result fixed = driver.fixedRate(rate, rate * seconds, seconds);
            BenchmarkReport.figure("fixed rate %d/s for %d s: %d sent, %d × 202, %.0f/s done, p50 %.1f ms, p99 %.1f ms, "
                            + "max %.1f ms", rate, seconds, fixed.sent(), fixed.accepted(), fixed.throughput(),
                    fixed.percentile(50), fixed.percentile(99), fixed.percentile(100));

            Result saturated = driver.closedLoop(clients, seconds);
            BenchmarkReport.figure("saturation, %d clients for %d s: %.0f referrals/s, p50 %.1f ms, p99 %.1f ms "
                            + "(%d × 202 of %d)", clients, seconds, saturated.throughput(), saturated.percentile(50),
                    saturated.percentile(99), saturated.accepted(), saturated.sent());
            BenchmarkReport.figure("resident memory after the load: %d MB", rssMegabytes());

            long heapBefore = heapAfterGc();
            long rssBefore = rssMegabytes();
            Result soak = driver.fixedRate(rate, rate * soakSeconds, soakSeconds);
            long heapAfter = heapAfterGc();
            BenchmarkReport.figure("soak at %d/s for %d s (%d × 202 of %d, p99 %.1f ms): heap after full GC %d → %d MB, "
                            + "resident %d → %d MB", rate, soakSeconds, soak.accepted(), soak.sent(),
                    soak.percentile(99), heapBefore, heapAfter, rssBefore, rssMegabytes());
            // Nothing refused below capacity: every request at the sustainable rate became a referral.
            assertThat(steady.accepted()).isEqualTo(steady.sent());
        }
    }

    private static long rssMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        return -1;
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024 * 1024);
    }

    private record Result(int sent, int accepted, double seconds, List<Double> latencies) {
        double throughput() {
            return accepted / seconds;
        }

        double percentile(int p) {
            if (latencies.isEmpty()) {
                return Double.NaN;
            }
            List<Double> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            int index = Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1);
            return sorted.get(Math.max(0, index));
        }
    }

    /** A small load driver: one HTTP client, requests due at fixed instants, or closed-loop clients. */
    private static final class Driver {

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final URI uri;
        private final List<byte[]> bodies;
        private final AtomicInteger next = new AtomicInteger();

        Driver(int port, List<byte[]> bodies) {
            this.uri = URI.create("http://localhost:" + port + "/api/v1/referrals");
            this.bodies = bodies;
        }

        private HttpRequest request() {
            return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("X-Api-Key", "demo-aile-key").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(next.getAndIncrement() % bodies.size())))
                    .build();
        }

        /** {@code count} requests, one every 1/rate s; latency from the instant each was due to its answer. */
        Result fixedRate(int rate, int count, int seconds) throws InterruptedException {
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger accepted = new AtomicInteger();
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            CountDownLatch done = new CountDownLatch(count);
            long start = System.nanoTime();
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            for (int i = 0; i < count; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                http.sendAsync(request(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                    latencies.add((System.nanoTime() - due) / 1e6);
                    statuses.merge(failure == null ? response.statusCode() : -1, 1, Integer::sum);
                    if (failure == null && response.statusCode() == 202) {
                        accepted.incrementAndGet();
                    }
                    done.countDown();
                });
            }
            done.await(seconds + 120L, TimeUnit.SECONDS);
            if (statuses.keySet().stream().anyMatch(status -> status != 202)) {
                BenchmarkReport.line("  answers at %d/s by status (-1: no answer within the driver's 30 s): %s"
                        .formatted(rate, statuses));
            }
            return new Result(count, accepted.get(), (System.nanoTime() - start) / 1e9, latencies);
        }

        /** {@code clients} threads each posting as soon as the previous answer came, for {@code seconds}. */
        Result closedLoop(int clients, int seconds) throws InterruptedException {
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger sent = new AtomicInteger();
            Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            List<Thread> threads = new ArrayList<>();
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                Thread thread = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        long at = System.nanoTime();
                        sent.incrementAndGet();
                        try {
                            int status = http.send(request(), HttpResponse.BodyHandlers.discarding()).statusCode();
                            statuses.merge(status, 1, Integer::sum);
                            if (status == 202) {
                                accepted.incrementAndGet();
                            }
                        } catch (IOException e) {
                            statuses.merge(-1, 1, Integer::sum);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                        latencies.add((System.nanoTime() - at) / 1e6);
                    }
                }, "load-client-" + c);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
            if (statuses.keySet().stream().anyMatch(status -> status != 202)) {
                BenchmarkReport.line("  answers at saturation by status (-1: no answer): " + statuses);
            }
            return new Result(sent.get(), accepted.get(), (System.nanoTime() - start) / 1e9, latencies);
        }
    }
}
