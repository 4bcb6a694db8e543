package fr.passerelle.hub.identity;

import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** An operator's answer to an uncertain match: the same person (merge) or two people (kept apart for good). */
@Component
class ReviewDecisions {

    private final ReviewQueue reviews;
    private final BeneficiaryMerger merger;

    public ReviewDecisions(ReviewQueue reviews, BeneficiaryMerger merger) {
        this.reviews = reviews;
        this.merger = merger;
    }

    /** @return the merge, or null when the item was already decided */
    @Transactional
    public UUID confirm(UUID reviewId, String operator) {
        return reviews.claim(reviewId).map(item -> {
            UUID mergeId = merger.merge(item.candidateId(), item.beneficiaryId(), "revue d'identité confirmée",
                    item.score(), operator);
            reviews.decide(reviewId, "CONFIRMED", operator);
            return mergeId;
        }).orElse(null);
    }

    @Transactional
    public boolean reject(UUID reviewId, String operator) {
        return reviews.claim(reviewId).map(item -> {
            reviews.markDistinct(item.beneficiaryId(), item.candidateId(), operator);
            reviews.decide(reviewId, "REJECTED", operator);
            return true;
        }).orElse(false);
    }
}
