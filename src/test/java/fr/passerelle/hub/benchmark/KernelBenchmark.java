package fr.passerelle.hub.benchmark;

import fr.passerelle.hub.identity.MatchingKernel;
import fr.passerelle.hub.mapping.MappingKernel;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The CPU kernels of the intake, measured by JMH (issue 10: "JMH for the mapping and matching kernels"): mapping a
 * France Travail row ({@link MappingKernel}), a referral's blocking keys and one candidate's score
 * ({@link MatchingKernel}). One fork, warm-up then measurement iterations; the averages go to the report.
 * {@code ./mvnw -B -ntp -o verify -Pbenchmarks -Dbenchmarks=KernelBenchmark}.
 */
class KernelBenchmark {

    @Test
    void mappingAndMatchingKernels() throws Exception {
        BenchmarkReport.header(KernelBenchmark.class, "Mapping and matching kernels (JMH)",
                "./mvnw -B -ntp -o verify -Pbenchmarks -Dbenchmarks=KernelBenchmark");
        Options options = new OptionsBuilder()
                .include(MappingKernel.class.getName()).include(MatchingKernel.class.getName())
                .forks(1).warmupIterations(3).warmupTime(TimeValue.seconds(2))
                .measurementIterations(5).measurementTime(TimeValue.seconds(2))
                .jvmArgs("-Xmx512m").build();
        Collection<RunResult> results = new Runner(options).run();
        for (RunResult result : results) {
            var primary = result.getPrimaryResult();
            BenchmarkReport.figure("%s: **%.2f %s** ± %.2f (99.9 %%)", result.getParams().getBenchmark()
                            .replace("fr.passerelle.hub.", ""), primary.getScore(), primary.getScoreUnit(),
                    primary.getScoreError());
        }
    }
}
