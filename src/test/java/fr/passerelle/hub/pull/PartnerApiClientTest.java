package fr.passerelle.hub.pull;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PartnerApiClientTest {

    @Test
    void successfulAnswersArePages() {
        assertThat(PartnerApiClient.classify(200)).isEqualTo(PartnerApiClient.Verdict.OK);
        assertThat(PartnerApiClient.classify(204)).isEqualTo(PartnerApiClient.Verdict.OK);
    }

    @Test
    void serverErrorsTimeoutsAndThrottlingAreWorthRetrying() {
        assertThat(PartnerApiClient.classify(500)).isEqualTo(PartnerApiClient.Verdict.TRANSIENT);
        assertThat(PartnerApiClient.classify(503)).isEqualTo(PartnerApiClient.Verdict.TRANSIENT);
        assertThat(PartnerApiClient.classify(408)).isEqualTo(PartnerApiClient.Verdict.TRANSIENT);
        assertThat(PartnerApiClient.classify(429)).isEqualTo(PartnerApiClient.Verdict.TRANSIENT);
    }

    @Test
    void clientErrorsAndRedirectsWillNotPassByRetrying() {
        assertThat(PartnerApiClient.classify(400)).isEqualTo(PartnerApiClient.Verdict.REJECTED);
        assertThat(PartnerApiClient.classify(401)).isEqualTo(PartnerApiClient.Verdict.REJECTED);
        assertThat(PartnerApiClient.classify(404)).isEqualTo(PartnerApiClient.Verdict.REJECTED);
        assertThat(PartnerApiClient.classify(302)).isEqualTo(PartnerApiClient.Verdict.REJECTED);
    }
}
