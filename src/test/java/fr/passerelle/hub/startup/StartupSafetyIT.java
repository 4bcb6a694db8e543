package fr.passerelle.hub.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.passerelle.hub.PasserelleApplication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

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
        assertThatThrownBy(() -> start("test", "--passerelle.mappings.location=file:" + mappings))
                .satisfies(failure -> assertThat(rootMessages(failure))
                        .contains("mappings/aile/association-referral.v1.yaml")
                        .contains("unknown normalizer 'dateOfTheMoon'"));
    }

    @Test
    void prodProfileRefusesDemoCredentials() {
        assertThatThrownBy(() -> start("prod", "--PASSERELLE_DB_URL=jdbc:postgresql://localhost:1/none"))
                .satisfies(failure -> assertThat(rootMessages(failure))
                        .contains("refuses demo or missing credentials")
                        .contains("passerelle.partners.aile.api-key")
                        .contains("passerelle.console.admin-password")
                        .contains("passerelle.protection.data-key"));
    }

    private void start(String profile, String... arguments) {
        String[] all = new String[arguments.length + 4];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        all[arguments.length] = "--server.port=0";
        all[arguments.length + 1] = "--passerelle.database.embedded.port=0";
        all[arguments.length + 2] = "--passerelle.database.embedded.data-directory=" + temp.resolve("pg-" + UUID.randomUUID());
        all[arguments.length + 3] = "--passerelle.files.root=" + temp.resolve("files");
        new SpringApplicationBuilder(PasserelleApplication.class).profiles(profile).run(all).close();
    }

    private static String rootMessages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
