package fr.passerelle.hub.mapping;

import fr.passerelle.hub.canonical.CanonicalReferral;
import fr.passerelle.hub.identity.eval.ReferralSetGenerator;
import fr.passerelle.hub.testsupport.PartnerDialects;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH kernel of the intake's CPU work per row (docs/benchmarks.md, run by benchmark/KernelBenchmark): one France
 * Travail extract row, already read from the CSV, mapped through the project's real mapping file — normalizers,
 * validation, the canonical referral. Rows are generated people of the Essonne in France Travail's dialect.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MappingKernel {

    static final String FRANCE_TRAVAIL = "ft-91/orientations-extract.v1";

    private MappingDefinition mapping;
    private List<SourceRecord> rows;
    private RecordMapper mapper;
    private int next;

    @Setup
    public void readRows() throws IOException {
        mapping = MappingCatalog.load("file:mappings").get(FRANCE_TRAVAIL);
        rows = PayloadReader.read(mapping, PartnerDialects.franceTravailCsv(
                new ReferralSetGenerator(20261202L).referrals("ft-91", 2_000)));
        mapper = new RecordMapper(Clock.systemDefaultZone());
    }

    @Benchmark
    public MappedRecord mapOneFranceTravailRow() {
        MappedRecord mapped = mapper.map(mapping, rows.get(next));
        next = (next + 1) % rows.size();
        return mapped;
    }

    /** The canonical referrals of {@code rows} generated France Travail rows, mapped as the hub maps them. */
    public static List<CanonicalReferral> franceTravailReferrals(int rows, long seed) throws IOException {
        MappingDefinition mapping = MappingCatalog.load("file:mappings").get(FRANCE_TRAVAIL);
        RecordMapper mapper = new RecordMapper(Clock.systemDefaultZone());
        return PayloadReader.read(mapping, PartnerDialects.franceTravailCsv(
                        new ReferralSetGenerator(seed).referrals("ft-91", rows))).stream()
                .map(row -> mapper.map(mapping, row)).filter(MappedRecord::accepted).map(MappedRecord::referral)
                .toList();
    }
}
