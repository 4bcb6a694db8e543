package fr.passerelle.hub.identity.eval;

import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A small labelled set through the real pipeline, held to the bars. The 10,000-person figures come from
 * {@link IdentityEvaluationRun} and are written in docs/identity.md.
 */
@TestPropertySource(properties = "passerelle.test.isolated-context=identity-evaluation")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class IdentityEvaluationIT extends HubIntegrationTest {

    @Autowired
    PayloadIntake payloads;

    @Autowired
    JdbcClient jdbc;

    @Test
    void mergesSurelyFindsNearlyEveryoneAndAsksLittle() {
        IdentityEvaluation.Metrics metrics = new IdentityEvaluation(payloads, jdbc).run(600, 20261123L);
        System.out.println(metrics.report());
        assertThat(metrics.rejected()).isZero();
        assertThat(metrics.precision()).isGreaterThanOrEqualTo(0.999);
        assertThat(metrics.recall()).isGreaterThanOrEqualTo(0.97);
        assertThat(metrics.reviewRate()).isLessThanOrEqualTo(0.02);
    }
}
