package fr.passerelle.hub.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Where a benchmark writes its figures: printed, and appended to {@code target/benchmarks/<benchmark>.md}, each line
 * with the machine's load at that moment (the development machine is shared; a figure without its load means little).
 */
final class BenchmarkReport {

    private static Path results = Path.of("target", "benchmarks", "results.md");

    private BenchmarkReport() {
    }

    static void header(Class<?> benchmark, String title, String command) {
        results = Path.of("target", "benchmarks", benchmark.getSimpleName() + ".md");
        line("");
        line("## " + title + " — " + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        line("machine: " + machine() + "; command: `" + command + "`");
    }

    /** One figure, with the load average (1, 5, 15 min) at the moment it was measured. */
    static void figure(String format, Object... arguments) {
        line("- " + String.format(Locale.ROOT, format, arguments) + " (load " + load() + ")");
    }

    static void line(String text) {
        System.out.println(text);
        try {
            Files.createDirectories(results.getParent());
            Files.writeString(results, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException | UncheckedIOException ignored) {
            // not Linux: the processor count is enough
        }
        return String.format(Locale.ROOT, "%d cores (%s), %s %s, Java %s, max heap %d MB",
                Runtime.getRuntime().availableProcessors(), cpu, System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
}
