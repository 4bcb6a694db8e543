package fr.passerelle.hub.identity;

import fr.passerelle.hub.mapping.MappingKernel;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH kernels of identity's CPU work per referral (docs/benchmarks.md, run by benchmark/KernelBenchmark): a
 * referral's blocking keys, and the score of a referral against one candidate's variant (a referral meets up to
 * {@code max-candidates} of them). The people come from the generator's France Travail rows, mapped as the hub maps
 * them, so the set holds the look-alikes the scorer is there for (twins, homonyms, typos).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MatchingKernel {

    private final MatchScorer scorer = new MatchScorer();
    private List<PersonVariant> people;
    private int next;

    @Setup
    public void readPeople() throws IOException {
        people = MappingKernel.franceTravailReferrals(2_000, 20261202L).stream().map(PersonVariant::of).toList();
    }

    @Benchmark
    public Set<String> lookupKeysOfOneReferral() {
        Set<String> keys = MatchKeys.lookup(people.get(next));
        next = (next + 1) % people.size();
        return keys;
    }

    /** Neighbours in the generated set: often variants or relatives of one person, the cases that cost the most. */
    @Benchmark
    public double scoreOneCandidate() {
        double score = scorer.score(people.get(next), people.get((next + 1) % people.size())).value();
        next = (next + 1) % people.size();
        return score;
    }
}
