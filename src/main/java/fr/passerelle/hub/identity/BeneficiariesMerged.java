package fr.passerelle.hub.identity;

import java.util.UUID;

/**
 * Published inside the merging transaction: features holding rows about the absorbed record (journey, handoffs)
 * may re-point them. {@code undone} is true when an operator reverses the merge.
 */
public record BeneficiariesMerged(UUID mergeId, UUID survivorId, UUID absorbedId, boolean undone) {
}
