package fr.passerelle.hub.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.passerelle.hub.identity.eval.ReferralSetGenerator;
import fr.passerelle.hub.testsupport.PartnerDialects;
import fr.passerelle.hub.testsupport.PartnerSftpClient;
import fr.passerelle.hub.testsupport.StandaloneHub;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bulk file intake, end to end (issue 10, figure 1): a France Travail nightly extract of {@code benchmark.rows} rows
 * (default 100,000) generated in France Travail's dialect, pushed over SFTP into a fresh hub, timed from the start of
 * the upload to the file being DONE — every row accepted or rejected, matched, persisted, its handoffs in the outbox.
 * Then the physical floor, in the same run: the rows the intake wrote into every table it touched are taken out,
 * deleted, and loaded back into the same tables with PostgreSQL {@code COPY} (indexes, keys and foreign keys
 * checked), timed to the commit. Prints the ratio, and PostgreSQL's most expensive statements when
 * pg_stat_statements is loaded (the benchmarks profile loads it). Not part of {@code ./mvnw verify}:
 * {@code ./mvnw -B -ntp -o verify -Pbenchmarks -Dbenchmarks=FileIntakeBenchmark [-Dbenchmark.rows=100000]
 * -Dbenchmark.workers=2 -Dbenchmark.chunk-size=200]}.
 */
class FileIntakeBenchmark {

    private static final Duration LIMIT = Duration.ofHours(2);

    @Test
    void franceTravailExtractFromSftpReceiptToEveryRowPersisted() throws Exception {
        int rows = Integer.getInteger("benchmark.rows", 100_000);
        long seed = Long.getLong("benchmark.seed", 20261202L);
        Path temp = Path.of("target", "benchmarks", "file-intake-" + UUID.randomUUID()).toAbsolutePath();
        BenchmarkReport.header(FileIntakeBenchmark.class, "Bulk file intake, " + rows + " France Travail rows",
                "./mvnw -B -ntp -o verify -Pbenchmarks -Dbenchmarks=FileIntakeBenchmark -Dbenchmark.rows=" + rows);
        byte[] extract = PartnerDialects.franceTravailCsv(new ReferralSetGenerator(seed).referrals("ft-91", rows));
        String fileName = "extract_orientations_creation_bench_" + rows + ".csv";

        // The hub as it runs (application.yml), not the test profile: its watch ticks every 500 ms for the tests' sake.
        try (ConfigurableApplicationContext hub = StandaloneHub.startFresh(temp,
                "--passerelle.sftp.host-key-file=" + temp.resolve("sftp-host-key"),
                // Delivery is measured on its own (figure 3); the handoffs are written to the outbox here all the same.
                "--passerelle.handoffs.dispatch.enabled=false",
                "--passerelle.database.embedded.settings.shared_preload_libraries=pg_stat_statements",
                "--passerelle.sftp.max-file-size=200MB",
                "--passerelle.intake.workers=" + Integer.getInteger("benchmark.workers", 1),
                "--passerelle.intake.chunk-size=" + Integer.getInteger("benchmark.chunk-size", 200))) {
            JdbcClient jdbc = hub.getBean(JdbcClient.class);
            DataSource dataSource = hub.getBean(DataSource.class);
            boolean statements = enableStatementStatistics(jdbc);
            int port = Integer.parseInt(hub.getEnvironment().getProperty("local.sftp.port"));
            Map<String, Long> before = rowCounts(jdbc);

            long start = System.nanoTime();
            try (PartnerSftpClient ft = PartnerSftpClient.asPartner(port, "ft-91")) {
                ft.put("/inbox/" + fileName, extract);
            }
            long uploaded = System.nanoTime();
            await().atMost(LIMIT).pollInterval(Duration.ofMillis(200)).until(() -> jdbc.sql(
                            "select count(*) from inbound_file where file_name = :f and status in ('DONE', 'REJECTED')")
                    .param("f", fileName).query(Integer.class).single() == 1);
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> file = jdbc.sql("""
                            select status, records_total, records_accepted, records_rejected,
                                extract(epoch from finished_at - received_at) as processing
                            from inbound_file where file_name = :f""")
                    .param("f", fileName).query().singleRow();
            assertThat(file.get("status")).isEqualTo("DONE");
            assertThat(((Number) file.get("records_total")).intValue()).isEqualTo(rows);
            int accepted = ((Number) file.get("records_accepted")).intValue();
            BenchmarkReport.figure("intake settings: chunks of %s records, %s worker(s); PostgreSQL "
                            + "max_locks_per_transaction %s", hub.getEnvironment().getProperty("passerelle.intake.chunk-size"),
                    hub.getEnvironment().getProperty("passerelle.intake.workers"),
                    jdbc.sql("show max_locks_per_transaction").query(String.class).single());
            BenchmarkReport.figure("upload over SFTP of %,d bytes: %.1f s", extract.length, (uploaded - start) / 1e9);
            BenchmarkReport.figure("intake of %,d rows (%,d accepted, %s rejected), SFTP receipt to file DONE: %.1f s = "
                            + "**%.0f rows/s** (processing alone, received to finished: %.1f s)", rows, accepted,
                    file.get("records_rejected"), seconds, rows / seconds, ((Number) file.get("processing")).doubleValue());
            BenchmarkReport.figure("beneficiaries: %,d; referrals: %,d; handoffs in the outbox: %,d",
                    count(jdbc, "beneficiary"), count(jdbc, "referral"), count(jdbc, "handoff"));

            Map<String, Long> after = rowCounts(jdbc);
            if (statements) {
                topStatements(jdbc);
            }
            double copySeconds = copyBaseline(dataSource, jdbc, before, after);
            BenchmarkReport.figure("ratio intake / COPY: **%.1f×** (target: under 60 s and within 10×)",
                    seconds / copySeconds);
        }
    }

    private static boolean enableStatementStatistics(JdbcClient jdbc) {
        try {
            jdbc.sql("create extension if not exists pg_stat_statements").update();
            jdbc.sql("select pg_stat_statements_reset()").query().listOfRows();
            return true;
        } catch (RuntimeException notLoaded) {
            BenchmarkReport.line("(pg_stat_statements not loaded: no statement profile)");
            return false;
        }
    }

    /** Where PostgreSQL spent its time during the intake: the statements with the largest total time. */
    private static void topStatements(JdbcClient jdbc) {
        BenchmarkReport.line("pg_stat_statements, top 15 by total time during the intake (calls, total ms, mean ms, rows):");
        jdbc.sql("""
                        select calls, round(total_exec_time::numeric, 0) as total, round(mean_exec_time::numeric, 3) as mean,
                            rows, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) as query
                        from pg_stat_statements where query not like '%pg_stat_statements%'
                        order by total_exec_time desc limit 15""")
                .query().listOfRows()
                .forEach(row -> BenchmarkReport.line("    %8s calls %8s ms %7s ms/call %8s rows  %s".formatted(
                        row.get("calls"), row.get("total"), row.get("mean"), row.get("rows"), row.get("query"))));
        // Every statement by number of calls, for the round trips a row costs: beside the report, not in it.
        StringBuilder byCalls = new StringBuilder();
        jdbc.sql("""
                        select calls, round(total_exec_time::numeric, 0) as total,
                            left(regexp_replace(query, '\\s+', ' ', 'g'), 200) as query
                        from pg_stat_statements where query not like '%pg_stat_statements%' order by calls desc""")
                .query().listOfRows()
                .forEach(row -> byCalls.append("%8s calls %8s ms  %s%n".formatted(row.get("calls"), row.get("total"),
                        row.get("query"))));
        try {
            Files.writeString(Path.of("target", "benchmarks", "FileIntakeBenchmark-statements.txt"), byCalls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> totals = jdbc.sql("""
                select sum(calls) as calls, round(sum(total_exec_time)::numeric, 0) as total
                from pg_stat_statements where query not like '%pg_stat_statements%'""").query().singleRow();
        BenchmarkReport.line("    all statements: %s calls, %s ms executing in PostgreSQL".formatted(totals.get("calls"),
                totals.get("total")));
    }

    /**
     * The physical floor: every table the intake grew is copied out, its rows deleted (foreign keys off for the
     * delete only), then loaded back with COPY in foreign-key order with every constraint and index checked, in one
     * transaction; timed from the first COPY to the commit.
     */
    private static double copyBaseline(DataSource dataSource, JdbcClient jdbc, Map<String, Long> before,
                                       Map<String, Long> after) throws Exception {
        List<String> grown = after.keySet().stream().filter(table -> after.get(table) > before.getOrDefault(table, 0L))
                .toList();
        List<String> ordered = parentsFirst(jdbc, grown);
        Map<String, byte[]> data = new LinkedHashMap<>();
        long total = 0;
        try (Connection connection = dataSource.getConnection()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String table : ordered) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                total += copy.copyOut("copy " + table + " to stdout (format binary)", out);
                data.put(table, out.toByteArray());
            }
            connection.setAutoCommit(false);
            try (var statement = connection.createStatement()) {
                statement.execute("set local session_replication_role = replica");
                for (int i = ordered.size() - 1; i >= 0; i--) {
                    statement.execute("delete from " + ordered.get(i));
                }
                statement.execute("set local session_replication_role = origin");
            }
            connection.commit();
            long start = System.nanoTime();
            for (String table : ordered) {
                copy.copyIn("copy " + table + " from stdin (format binary)", new ByteArrayInputStream(data.get(table)));
            }
            connection.commit();
            double seconds = (System.nanoTime() - start) / 1e9;
            connection.setAutoCommit(true);
            BenchmarkReport.figure("COPY of the same rows into the same %d tables (%s), %,d rows, %,d bytes: %.1f s",
                    ordered.size(), String.join(", ", ordered), total,
                    data.values().stream().mapToLong(bytes -> bytes.length).sum(), seconds);
            return seconds;
        }
    }

    /** Tables in an order where every table comes after the tables its foreign keys point to. */
    private static List<String> parentsFirst(JdbcClient jdbc, List<String> tables) {
        Map<String, Set<String>> parents = new HashMap<>();
        tables.forEach(table -> parents.put(table, new HashSet<>()));
        jdbc.sql("""
                        select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
                        from pg_constraint c where c.contype = 'f'""")
                .query().listOfRows().forEach(row -> {
                    String child = (String) row.get("child");
                    String parent = (String) row.get("parent");
                    if (parents.containsKey(child) && parents.containsKey(parent) && !child.equals(parent)) {
                        parents.get(child).add(parent);
                    }
                });
        List<String> ordered = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>(tables);
        while (!pending.isEmpty()) {
            String table = pending.removeFirst();
            if (ordered.containsAll(parents.get(table))) {
                ordered.add(table);
            } else {
                pending.addLast(table);
            }
        }
        return ordered;
    }

    private static Map<String, Long> rowCounts(JdbcClient jdbc) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                        select table_name from information_schema.tables
                        where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'flyway%'
                        order by table_name""")
                .query(String.class).list()
                .forEach(table -> counts.put(table, count(jdbc, table)));
        return counts;
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
