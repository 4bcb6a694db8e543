package fr.passerelle.hub.journey;

/** The programme's workshops; the first LAUNCH attended starts the programme. */
public enum WorkshopKind {
    LAUNCH, FORUM, EXPERTISE, CLOSING
}
