package fr.passerelle.hub.handoff.watch;

import java.time.Instant;
import java.util.UUID;

/**
 * Nobody has shown any sign of following the person for {@code days} days (the NO_ACTIVE_REFERENT trigger of the
 * routing rules). Published inside the watchdog's transaction: handoff/HandoffEventListener routes it like any fact.
 *
 * @param periodKey identifies the silent period (last activity and period number): the handoff's source id
 */
public record NoActiveReferentDetected(UUID beneficiaryId, String periodKey, Instant lastActivityAt, int days) {
}
