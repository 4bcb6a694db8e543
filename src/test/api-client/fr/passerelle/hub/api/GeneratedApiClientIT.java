package fr.passerelle.hub.api;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.PartnerSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import fr.passerelle.client.ApiClient;
import fr.passerelle.client.ApiException;
import fr.passerelle.client.api.ReferralsApi;
import fr.passerelle.client.model.AssociationReferral;
import fr.passerelle.client.model.BarrierCode;
import fr.passerelle.client.model.Problem;
import fr.passerelle.client.model.Referral;
import fr.passerelle.client.model.ReferralReceipt;
import fr.passerelle.client.model.ReferralStatus;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * A client generated from the served description (openapi-generator, Java, java.net.http), used as a partner's
 * developer would: profile api-client only (docs/api.md).
 */
class GeneratedApiClientIT extends HubIntegrationTest {

    private ReferralsApi referralsAs(String apiKey) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(request -> request.header("X-Api-Key", apiKey));
        return new ReferralsApi(client);
    }

    @Test
    void submitsASampleReferralAndReadsItsStatus() throws Exception {
        ReferralsApi referrals = referralsAs(AILE_KEY);
        AssociationReferral referral = new ApiClient().getObjectMapper()
                .readValue(sample("aile/valid/AILE-20261120-009.json"), AssociationReferral.class);
        assertThat(referral.getBarriers()).allSatisfy(code -> assertThat(code).isInstanceOf(BarrierCode.class));

        ReferralReceipt receipt = referrals.submitReferral(referral);
        Referral status = referrals.getReferral(receipt.getReferralId());

        assertThat(status.getStatus()).isEqualTo(ReferralStatus.ACCEPTED);
        assertThat(status.getReference()).isEqualTo("AILE-20261120-009");
        assertThat(status.getBeneficiaryId()).isNotNull();
    }

    @Test
    void readsTheProblemOfAnInvalidReferral() throws Exception {
        AssociationReferral referral = new ApiClient().getObjectMapper()
                .readValue(sample("aile/invalid/missing-birthDate.json"), AssociationReferral.class);
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> referralsAs(AILE_KEY).submitReferral(referral));
        assertThat(refused.getCode()).isEqualTo(400);
        Problem problem = new ApiClient().getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getErrors()).extracting("field").containsExactly("beneficiary.birthDate");
    }
}
