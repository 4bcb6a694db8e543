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

/** A broken rules file or structures file stops the hub, with a message naming the file and the problem. */
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
    void structuresFileWithAnUnknownPartnerStopsStartUpNamingTheLine() throws IOException {
        Path structures = temp.resolve("structures.csv");
        Files.writeString(structures, "id;nom;type;partenaire;code_safir;codes_postaux;codes_insee;age_min;age_max;"
                + "courriel;telephone;alias;domaines_courriel;contact_prenom;contact_nom;contact_role;contact_courriel;"
                + "contact_telephone\nml-x;Mission Locale X;MISSION_LOCALE;ml-x;;91100;;16;25;;;;;;;;;\n");
        assertThatThrownBy(() -> start("--passerelle.handoffs.directory.structures=file:" + structures))
                .satisfies(failure -> assertThat(messages(failure))
                        .contains("structures.csv line 2")
                        .contains("partner 'ml-x' is not a configured partner"));
    }

    private void start(String argument) {
        StandaloneHub.startFresh(temp, "--spring.profiles.active=test", argument).close();
    }
}
