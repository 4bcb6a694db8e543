package fr.passerelle.hub.identity.eval;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.testsupport.HubData;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A small labelled set through the real channels, all at once, in two arrival orders, held to the bars. The
 * 10,000-person figures come from {@link IdentityEvaluationRun} and are written in docs/identity.md.
 */
@TestPropertySource(properties = "passerelle.test.isolated-context=identity-evaluation")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class IdentityEvaluationIT extends HubIntegrationTest {

    @Autowired
    ApplicationContext hub;

    @Autowired
    JdbcClient jdbc;

    @Test
    void mergesSurelyFindsNearlyEveryoneAsksLittleAndEndsTheSameWhateverTheOrder() throws Exception {
        ReferralSetGenerator.ReferralSet set = new ReferralSetGenerator(20261123L).generate(600);
        long reusedKeys = set.people().stream().filter(person -> "REUSED_KEY".equals(person.trap())).count();
        IdentityEvaluation evaluation = new IdentityEvaluation(hub);

        IdentityEvaluation.Metrics first = evaluation.run(set, 1);
        HubData.forgetEveryReferral(jdbc);
        IdentityEvaluation.Metrics second = evaluation.run(set, 2);

        System.out.println(first.report() + "\n" + second.report());
        for (IdentityEvaluation.Metrics metrics : java.util.List.of(first, second)) {
            assertThat(reusedKeys).isPositive();
            assertThat(metrics.reusedKeysRefused()).isEqualTo(reusedKeys);
            assertThat(metrics.rejected()).isEqualTo(metrics.reusedKeysRefused());
            assertThat(metrics.precision()).isGreaterThanOrEqualTo(0.999);
            assertThat(metrics.recall()).isGreaterThanOrEqualTo(0.98);
            assertThat(metrics.reviewRate()).isLessThanOrEqualTo(0.02);
        }
        System.out.println("referrals grouped differently by the two orders: " + first.groupedDifferently(second).size());
        assertThat(first.groupedDifferentlyUnexplained(second))
                .as("referrals grouped differently by the two orders, other than by a pending review").isEmpty();
    }
}
