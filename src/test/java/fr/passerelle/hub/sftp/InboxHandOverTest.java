package fr.passerelle.hub.sftp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InboxHandOverTest {

    @ParameterizedTest
    @ValueSource(strings = {".export-imilo-2026-11-20.csv", "export-imilo-2026-11-20.csv.part",
            "export-imilo-2026-11-20.csv.PART", "participants-orientes.xlsx.filepart", "extract.csv.tmp"})
    void neverTakesATemporaryUploadName(String name) {
        assertThat(InboxHandOver.isTemporary(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"export-imilo-2026-11-20.csv", "participants-orientes-2026-11-20.xlsx",
            "extract_orientations_creation_20261120.csv", "export.partial.csv"})
    void takesAFinalName(String name) {
        assertThat(InboxHandOver.isTemporary(name)).isFalse();
    }
}
