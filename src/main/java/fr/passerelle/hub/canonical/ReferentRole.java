package fr.passerelle.hub.canonical;

public enum ReferentRole {
    PRESCRIBER, SOCIAL_WORKER, EMPLOYMENT_COUNSELOR, PROGRAMME_REFERENT
}
