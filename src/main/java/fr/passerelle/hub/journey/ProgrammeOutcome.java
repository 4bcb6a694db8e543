package fr.passerelle.hub.journey;

public enum ProgrammeOutcome {
    BUSINESS_CREATION, EMPLOYMENT, TRAINING, OTHER_PROJECT, NONE
}
