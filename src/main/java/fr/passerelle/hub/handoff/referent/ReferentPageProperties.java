package fr.passerelle.hub.handoff.referent;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code passerelle.handoffs.referent-page}: the page a referent opens from a handoff e-mail.
 *
 * @param publicBaseUrl where referents reach the hub, e.g. {@code https://passerelle.example.org}; links are
 *                      {@code <publicBaseUrl>/referent/handoffs/<token>}
 * @param linkKey       HMAC-SHA256 key signing the links ({@code PASSERELLE_REFERENT_LINK_KEY}); refused by the prod
 *                      profile while it is a demo value
 * @param linkValidity  how long a link opens its page
 * @param takeOverConfirmationValidity how long the link confirming a take-over, sent to the address typed on the
 *                      page, stays usable (once)
 * @param takeOverApproval who confirms a take-over to an address typed on the page: {@code email} (that address,
 *                      by the link mailed to it), {@code operator} (always an operator, through
 *                      {@code /api/v1/ops/take-overs}), {@code operator-outside-directory} (an operator when the
 *                      address is not a referent of the directory, else the address)
 * @param linkRenewalInterval at most one new link per handoff within this interval, on request from an expired
 *                      link's page
 */
@ConfigurationProperties("passerelle.handoffs.referent-page")
record ReferentPageProperties(String publicBaseUrl, String linkKey, Duration linkValidity,
                              Duration takeOverConfirmationValidity, Duration linkRenewalInterval,
                              TakeOverApproval takeOverApproval) {

    enum TakeOverApproval { EMAIL, OPERATOR, OPERATOR_OUTSIDE_DIRECTORY }


    public ReferentPageProperties {
        publicBaseUrl = publicBaseUrl == null || publicBaseUrl.isBlank() ? "http://localhost:8080"
                : publicBaseUrl.replaceAll("/+$", "");
        if (linkKey == null || linkKey.isBlank()) {
            throw new IllegalStateException(
                    "passerelle.handoffs.referent-page.link-key is required (PASSERELLE_REFERENT_LINK_KEY)");
        }
        linkValidity = linkValidity == null ? Duration.ofDays(8) : linkValidity;
        takeOverConfirmationValidity = takeOverConfirmationValidity == null ? Duration.ofHours(48)
                : takeOverConfirmationValidity;
        linkRenewalInterval = linkRenewalInterval == null ? Duration.ofHours(1) : linkRenewalInterval;
        takeOverApproval = takeOverApproval == null ? TakeOverApproval.EMAIL : takeOverApproval;
    }
}
