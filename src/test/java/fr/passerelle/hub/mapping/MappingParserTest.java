package fr.passerelle.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingParserTest {

    private static final String HEAD = """
            partner: acme
            name: export
            version: 1
            format: csv
            delimiter: ";"
            columns: [Identifiant, Prénom]
            fields:
              - { target: recordKey, source: Identifiant, normalizer: code, required: true }
            """;

    @TempDir
    Path mappings;

    @Test
    void loadsEveryProjectMapping() throws IOException {
        assertThat(MappingCatalog.load("file:mappings")).containsKeys("aile/association-referral.v1",
                "ml-val-orge/imilo-export.v1", "ml-val-orge/dossiers-api.v1", "ft-91/orientations-extract.v1",
                "plie-val-orge/participants.v1");
    }

    @Test
    void refusesAFieldReadingAColumnTheDialectDoesNotDeclareNamingTheFile() throws IOException {
        write(HEAD + "  - { target: identity.firstNames, source: Prenom_inconnu, normalizer: name }\n");

        assertThatThrownBy(() -> MappingCatalog.load(mappings.toUri().toString()))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("mappings/acme/export.v1.yaml")
                .hasMessageContaining("unknown column 'Prenom_inconnu'");
    }

    @Test
    void refusesAnUnknownNormalizerNamingTheFile() throws IOException {
        write(HEAD + "  - { target: identity.firstNames, source: Prénom, normalizer: soundex }\n");

        assertThatThrownBy(() -> MappingCatalog.load(mappings.toUri().toString()))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("mappings/acme/export.v1.yaml")
                .hasMessageContaining("unknown normalizer 'soundex'");
    }

    @Test
    void refusesAnXlsxMappingWithoutSheet() throws IOException {
        write(HEAD.replace("format: csv", "format: xlsx"));

        assertThatThrownBy(() -> MappingCatalog.load(mappings.toUri().toString()))
                .isInstanceOf(InvalidMappingException.class)
                .hasMessageContaining("mappings/acme/export.v1.yaml")
                .hasMessageContaining("'sheet' is required");
    }

    private void write(String yaml) throws IOException {
        Path folder = Files.createDirectories(mappings.resolve("acme"));
        Files.writeString(folder.resolve("export.v1.yaml"), yaml);
    }
}
