package fr.passerelle.hub.identity.eval;

import fr.passerelle.hub.testsupport.HubData;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The evaluation command: {@code ./mvnw verify -Pidentity-evaluation [-Devaluation.people=10000 -Devaluation.seed=…]}.
 * Not part of the default suite (its name matches neither *Test nor *IT). The set arrives twice through the real
 * channels, all at once, in two arrival orders; prints both figures and how many referrals the two partitions
 * group differently, and writes them to target/identity-evaluation.txt.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
class IdentityEvaluationRun extends HubIntegrationTest {

    @Autowired
    ApplicationContext hub;

    @Autowired
    JdbcClient jdbc;

    @Test
    void evaluate() throws Exception {
        int people = Integer.getInteger("evaluation.people", 10_000);
        long seed = Long.getLong("evaluation.seed", 20261123L);
        ReferralSetGenerator.ReferralSet set = new ReferralSetGenerator(seed).generate(people);
        IdentityEvaluation evaluation = new IdentityEvaluation(hub);
        IdentityEvaluation.Metrics first = evaluation.run(set, 1);
        HubData.forgetEveryReferral(jdbc);
        IdentityEvaluation.Metrics second = evaluation.run(set, 2);
        String report = "seed " + seed + "\n--- arrival order 1\n" + first.report() + "--- arrival order 2\n"
                + second.report() + "referrals grouped differently by the two orders: " + first.groupedDifferently(second).size()
                + ", of which not explained by a pending review: " + first.groupedDifferentlyUnexplained(second).size() + "\n";
        System.out.println(report);
        Files.writeString(Path.of("target", "identity-evaluation.txt"), report, StandardCharsets.UTF_8);
    }
}
