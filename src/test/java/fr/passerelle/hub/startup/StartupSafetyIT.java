package fr.passerelle.hub.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static fr.passerelle.hub.testsupport.StandaloneHub.messages;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.passerelle.hub.testsupport.StandaloneHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hub refuses to start rather than run with a broken mapping or demo secrets in production. */
class StartupSafetyIT {

    @TempDir
    Path temp;

    @Test
    void malformedMappingStopsStartUpNamingTheFile() throws IOException {
        Path mappings = temp.resolve("mappings");
        Files.createDirectories(mappings.resolve("aile"));
        Files.writeString(mappings.resolve("aile/association-referral.v1.yaml"), """
                partner: aile
                name: association-referral
                version: 1
                format: json
                fields:
                  - { target: recordKey, source: reference }
                  - { target: identity.birthDate, source: beneficiary.birthDate, normalizer: dateOfTheMoon }
                """);
        assertThatThrownBy(() -> start("--spring.profiles.active=test",
                "--passerelle.mappings.location=file:" + mappings))
                .satisfies(failure -> assertThat(messages(failure))
                        .contains("mappings/aile/association-referral.v1.yaml")
                        .contains("unknown normalizer 'dateOfTheMoon'"));
    }

    @Test
    void prodProfileRefusesDemoCredentials() {
        assertThatThrownBy(() -> start("--spring.profiles.active=prod",
                "--PASSERELLE_DB_URL=jdbc:postgresql://localhost:1/none"))
                .satisfies(failure -> assertThat(messages(failure))
                        .contains("refuses demo or missing credentials")
                        .contains("passerelle.partners.aile.api-key")
                        .contains("passerelle.console.admin-password")
                        .contains("passerelle.console.viewer-password")
                        .contains("passerelle.protection.data-key"));
    }

    private void start(String... arguments) {
        StandaloneHub.startFresh(temp, arguments).close();
    }
}
