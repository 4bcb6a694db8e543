package fr.passerelle.hub.beneficiary;

public enum ReferentRole {
    PRESCRIBER, SOCIAL_WORKER, EMPLOYMENT_COUNSELOR, PROGRAMME_REFERENT
}
