package fr.passerelle.hub.logscan;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.testsupport.PartnerSamples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleLeakScanTest {

    @TempDir
    Path reports;

    private SampleLeakScan scanOfTheSamples() throws IOException {
        SampleLeakScan scan = new SampleLeakScan();
        scan.learnSamples(Path.of("src/test/resources/samples"));
        return scan;
    }

    @Test
    void learnsNamesNirsEmailsAndPhonesFromEveryKindOfSample() throws IOException {
        SampleLeakScan scan = scanOfTheSamples();

        assertThat(scan.kinds()).containsExactly("email", "name", "nir", "phone");
        assertThat(scan.size()).isGreaterThan(100);
    }

    @Test
    void findsASamplePersonsDataHoweverTheLogWritesIt() throws IOException {
        Path log = reports.resolve("fr.passerelle.hub.SomeIT-output.txt");
        Files.writeString(log, String.join("\n",
                "12:00 INFO [cid=1 partner=aile] Referral accepted",
                "12:01 INFO mail to NOEL.LUCAS77@FREE.FR sent",
                "12:02 WARN nir 1 93 09 2A 078 956 refused",
                "12:03 INFO calling +33 7 45 65 04 50",
                "12:04 INFO person LUCAS Noël matched",
                "12:05 INFO Rosny-sous-Bois 2026-11-20T10:00:00Z 745650450123 done"));

        List<SampleLeakScan.Leak> leaks = scanOfTheSamples().scanOutputs(reports);

        assertThat(leaks).extracting(SampleLeakScan.Leak::line).containsExactly(2, 3, 4, 5);
        assertThat(leaks).extracting(SampleLeakScan.Leak::kind).containsExactly("email", "nir", "phone", "name");
        // The report says where and what kind, never the value it found.
        assertThat(leaks.get(0).toString()).doesNotContainIgnoringCase("lucas");
    }

    @Test
    void readsTheSamplesThatAreNotWellFormed() throws IOException {
        SampleLeakScan scan = new SampleLeakScan();
        scan.learnSamples(PartnerSamples.path("aile/invalid"));
        scan.learnSamples(PartnerSamples.path("plie-val-orge/invalid"));

        assertThat(scan.kinds()).contains("name", "email");
    }
}
