package fr.passerelle.hub.journey;

import fr.passerelle.hub.canonical.Barrier;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One recorded journey event, immutable. Only the fields of its type are set: {@code eligible} and {@code reason}
 * (ELIGIBILITY_DECIDED, DROPPED_OUT's reason), {@code referent} (REFERENT_ASSIGNED), {@code kind}
 * (WORKSHOP_ATTENDED), {@code barrier} and {@code note} (BARRIER_*), {@code outcome} (PROGRAMME_COMPLETED).
 */
public record JourneyEvent(UUID id, UUID beneficiaryId, JourneyEventType type, OffsetDateTime occurredAt,
                           Instant recordedAt, String recordedBy, Boolean eligible, String reason,
                           AssignedReferent referent, WorkshopKind kind, Barrier barrier, String note,
                           ProgrammeOutcome outcome) {

    /** The programme referent named by REFERENT_ASSIGNED. */
    public record AssignedReferent(String firstName, String lastName, String email, String phone) {
    }
}
