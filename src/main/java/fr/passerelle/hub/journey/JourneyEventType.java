package fr.passerelle.hub.journey;

/** The journey events the programme team records (SPEC §5). */
public enum JourneyEventType {
    ELIGIBILITY_DECIDED, REFERENT_ASSIGNED, WORKSHOP_ATTENDED, APPOINTMENT_HELD, BARRIER_REPORTED, BARRIER_RESOLVED,
    NO_SHOW, DROPPED_OUT, PROGRAMME_COMPLETED
}
