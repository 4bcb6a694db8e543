package fr.passerelle.hub.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param autoMergeThreshold score from which a candidate is the same person, merged without review
 * @param reviewThreshold    score from which a candidate goes to the review queue instead of being ignored
 * @param maxCandidates      candidates scored per referral (the most key-sharing first)
 */
@ConfigurationProperties("passerelle.identity")
record IdentityProperties(double autoMergeThreshold, double reviewThreshold, int maxCandidates) {

    public IdentityProperties {
        if (reviewThreshold > autoMergeThreshold) {
            throw new IllegalArgumentException("passerelle.identity.review-threshold must not exceed auto-merge-threshold");
        }
        if (maxCandidates <= 0) {
            maxCandidates = 50;
        }
    }
}
