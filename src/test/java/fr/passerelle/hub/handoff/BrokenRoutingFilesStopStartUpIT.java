package fr.passerelle.hub.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static fr.passerelle.hub.testsupport.StandaloneHub.messages;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.passerelle.hub.testsupport.StandaloneHub;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broken rules file or directory local layer stops the hub, with a message naming the file and the problem. */
class BrokenRoutingFilesStopStartUpIT {

    @TempDir
    Path temp;

    @Test
    void misspelledRecipientInTheRulesFileStopsStartUpNamingFileAndRule() throws IOException {
        Path rules = temp.resolve("handoffs.yaml");
        Files.writeString(rules, """
                version: 1
                rules:
                  - id: barrier-social
                    trigger: BARRIER_REPORTED
                    recipients: [SOCIAL_WORKR]
                    reason: "Frein : {barrierLabel}"
                """);
        assertThatThrownBy(() -> start("--passerelle.handoffs.rules=file:" + rules))
                .satisfies(failure -> assertThat(messages(failure))
                        .contains("Handoff rules file:" + rules)
                        .contains("rule 'barrier-social'")
                        .contains("SOCIAL_WORKR"));
    }

    @Test
    void directoryLocalLayerWithAnUnknownPartnerStopsStartUpNamingTheEntry() throws IOException {
        Path local = temp.resolve("local.yaml");
        Files.writeString(local, """
                structures:
                  ml-x:
                    data-inclusion-id: demo-essonne--ml-val-orge
                    partner: ml-x
                """);
        assertThatThrownBy(() -> start("--passerelle.handoffs.directory.local=file:" + local))
                .satisfies(failure -> assertThat(messages(failure))
                        .contains("local.yaml")
                        .contains("structure 'ml-x'")
                        .contains("partner 'ml-x' is not a configured partner"));
    }

    private void start(String argument) {
        StandaloneHub.startFresh(temp, "--spring.profiles.active=test", argument).close();
    }
}
