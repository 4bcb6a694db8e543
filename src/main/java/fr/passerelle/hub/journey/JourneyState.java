package fr.passerelle.hub.journey;

import fr.passerelle.hub.canonical.Barrier;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Where a beneficiary stands in the programme, folded from their events in recording order. Plain Java: the rules
 * of what may follow what live here, {@link #check} names the conflict.
 *
 * @param eligible     the last eligibility decision, null while undecided
 * @param started      a LAUNCH workshop was attended (PROGRAMME_STARTED)
 * @param closedBy     PROGRAMME_COMPLETED or DROPPED_OUT once the journey is over, else null
 * @param openBarriers barriers reported (by referrals or events) and not resolved
 * @param noShows      NO_SHOW events so far
 */
public record JourneyState(Boolean eligible, boolean started, JourneyEventType closedBy, Set<Barrier> openBarriers,
                           int noShows) {

    public JourneyState {
        openBarriers = openBarriers.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(openBarriers));
    }

    /** The state before any event: the barriers the referrals brought. */
    public static JourneyState initial(Set<Barrier> referralBarriers) {
        return new JourneyState(null, false, null, referralBarriers, 0);
    }

    public static JourneyState of(Set<Barrier> referralBarriers, List<JourneyEvent> events) {
        JourneyState state = initial(referralBarriers);
        for (JourneyEvent event : events) {
            state = state.after(event);
        }
        return state;
    }

    /**
     * @throws JourneyConflictException when the event cannot follow this state
     */
    public void check(JourneyEvent event) {
        if (closedBy != null) {
            throw new JourneyConflictException("PARCOURS_CLOS",
                    "le parcours est clos (" + closedBy + ") : aucun événement ne peut suivre");
        }
        switch (event.type()) {
            case ELIGIBILITY_DECIDED -> {
                if (started) {
                    throw new JourneyConflictException("PARCOURS_DEJA_COMMENCE",
                            "l'éligibilité se décide avant l'atelier de lancement, déjà suivi");
                }
            }
            case WORKSHOP_ATTENDED -> {
                if (event.kind() == WorkshopKind.LAUNCH) {
                    if (eligible == null) {
                        throw new JourneyConflictException("ELIGIBILITE_NON_DECIDEE",
                                "l'atelier de lancement suppose une éligibilité décidée (ELIGIBILITY_DECIDED)");
                    }
                    if (!eligible) {
                        throw new JourneyConflictException("NON_ELIGIBLE",
                                "la personne a été déclarée non éligible : pas d'atelier de lancement");
                    }
                } else if (!started) {
                    throw new JourneyConflictException("PARCOURS_NON_COMMENCE",
                            "l'atelier " + event.kind() + " suppose le programme commencé (atelier LAUNCH)");
                }
            }
            case PROGRAMME_COMPLETED -> {
                if (!started) {
                    throw new JourneyConflictException("PARCOURS_NON_COMMENCE",
                            "le programme ne peut être terminé avant d'avoir commencé (atelier LAUNCH)");
                }
            }
            case BARRIER_RESOLVED -> {
                if (!openBarriers.contains(event.barrier())) {
                    throw new JourneyConflictException("FREIN_NON_SIGNALE",
                            "le frein " + event.barrier() + " n'est pas signalé pour cette personne");
                }
            }
            default -> {
            }
        }
    }

    /** The event starts the programme: the first LAUNCH workshop attended. */
    public boolean starts(JourneyEvent event) {
        return !started && event.type() == JourneyEventType.WORKSHOP_ATTENDED && event.kind() == WorkshopKind.LAUNCH;
    }

    public JourneyState after(JourneyEvent event) {
        Set<Barrier> barriers = openBarriers.isEmpty() ? EnumSet.noneOf(Barrier.class) : EnumSet.copyOf(openBarriers);
        Boolean nextEligible = eligible;
        boolean nextStarted = started || starts(event);
        JourneyEventType nextClosedBy = closedBy;
        int nextNoShows = noShows;
        switch (event.type()) {
            case ELIGIBILITY_DECIDED -> nextEligible = event.eligible();
            case BARRIER_REPORTED -> barriers.add(event.barrier());
            case BARRIER_RESOLVED -> barriers.remove(event.barrier());
            case NO_SHOW -> nextNoShows++;
            case DROPPED_OUT, PROGRAMME_COMPLETED -> nextClosedBy = event.type();
            default -> {
            }
        }
        return new JourneyState(nextEligible, nextStarted, nextClosedBy, barriers, nextNoShows);
    }
}
