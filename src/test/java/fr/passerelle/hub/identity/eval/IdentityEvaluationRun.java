package fr.passerelle.hub.identity.eval;

import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The evaluation command: {@code ./mvnw verify -Pidentity-evaluation [-Devaluation.people=10000 -Devaluation.seed=…]}.
 * Not part of the default suite (its name matches neither *Test nor *IT). Prints the figures and writes them to
 * target/identity-evaluation.txt.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class IdentityEvaluationRun extends HubIntegrationTest {

    @Autowired
    PayloadIntake payloads;

    @Autowired
    JdbcClient jdbc;

    @Test
    void evaluate() throws IOException {
        int people = Integer.getInteger("evaluation.people", 10_000);
        long seed = Long.getLong("evaluation.seed", 20261123L);
        IdentityEvaluation.Metrics metrics = new IdentityEvaluation(payloads, jdbc).run(people, seed);
        String report = "seed " + seed + "\n" + metrics.report();
        System.out.println(report);
        Files.writeString(Path.of("target", "identity-evaluation.txt"), report, StandardCharsets.UTF_8);
    }
}
