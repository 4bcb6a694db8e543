package fr.passerelle.hub.journey;

import java.util.List;

/**
 * Published inside the transaction that records a journey event, so listeners (handoffs) write their rows
 * atomically with it.
 *
 * @param triggers what happened, for routing: the event's type, plus {@code PROGRAMME_STARTED} for the first LAUNCH
 * @param after    the journey's state once the event is applied (e.g. {@code noShows} counts this one)
 */
public record JourneyEventRecorded(JourneyEvent event, List<String> triggers, JourneyState after) {

    public static final String PROGRAMME_STARTED = "PROGRAMME_STARTED";

    public JourneyEventRecorded {
        triggers = List.copyOf(triggers);
    }
}
