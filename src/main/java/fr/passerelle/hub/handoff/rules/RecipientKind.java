package fr.passerelle.hub.handoff.rules;

/** Who a rule may hand off to; a {@link RecipientResolver} turns a kind into the actual people or structures. */
public enum RecipientKind {
    /** The prescriber named in the triggering referral (else the partner that sent it). */
    PRESCRIBER_OF_REFERRAL("le prescripteur de l'orientation"),
    /** The partner that sent the triggering referral or file. */
    SENDING_PARTNER("le partenaire émetteur"),
    /** Every active prescriber of the person (one per referring partner). */
    PRESCRIBERS("les prescripteurs de la personne"),
    EMPLOYMENT_COUNSELOR("le conseiller emploi de la personne"),
    SOCIAL_WORKER("le travailleur social de la personne"),
    /** The programme referent assigned to the person, else the programme team. */
    PROGRAMME_REFERENT("le référent du programme"),
    SOCIAL_SERVICE_COVERING_COMMUNE("le service social couvrant la commune"),
    MISSION_LOCALE_COVERING_COMMUNE("la Mission Locale couvrant la commune et l'âge"),
    /** The person's France Travail counselor of record. */
    FRANCE_TRAVAIL_COUNSELOR("le conseiller France Travail de la personne"),
    FRANCE_TRAVAIL_AGENCY_COVERING_COMMUNE("l'agence France Travail couvrant la commune"),
    /** The person's PLIE referent of record, else the PLIE they are a participant of. */
    PLIE_REFERENT("le référent PLIE de la personne"),
    TERRITORY_COORDINATOR("le coordinateur territorial");

    private final String label;

    RecipientKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
