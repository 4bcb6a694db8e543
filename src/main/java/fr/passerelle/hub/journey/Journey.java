package fr.passerelle.hub.journey;

import java.util.List;
import java.util.UUID;

/** A beneficiary's journey as the programme team reads it: the events in recording order and where they stand. */
public record Journey(UUID beneficiaryId, JourneyState state, List<JourneyEvent> events) {

    public Journey {
        events = List.copyOf(events);
    }
}
