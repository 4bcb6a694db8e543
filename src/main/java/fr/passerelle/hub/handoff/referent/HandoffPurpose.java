package fr.passerelle.hub.handoff.referent;

/**
 * Why a handoff exists, in general terms only: what an e-mail may say, and what the page says when the person's
 * consent does not allow more. SECURITY: never the barrier, the outcome or anything else about the person.
 */
public final class HandoffPurpose {

    public static final String DECLINED_TRIGGER = "HANDOFF_DECLINED";

    private HandoffPurpose() {
    }

    public static String of(String trigger) {
        return switch (trigger == null ? "" : trigger) {
            case "REFERRAL_ACCEPTED", "REFERRAL_REJECTED" -> "le suivi d'une orientation que vous avez faite";
            case "ELIGIBILITY_DECIDED" -> "une décision d'éligibilité au programme";
            case "PROGRAMME_STARTED" -> "le démarrage du programme par une personne que vous suivez";
            case "BARRIER_REPORTED" -> "une difficulté signalée pendant le programme, qui appelle votre accompagnement";
            case "NO_SHOW", "DROPPED_OUT" -> "la continuité du suivi d'une personne qui ne vient plus au programme";
            case "PROGRAMME_COMPLETED" -> "la suite du parcours d'une personne à la fin du programme";
            case "NO_ACTIVE_REFERENT" -> "une personne restée sans référent actif";
            case "BENEFICIARY_MATCHED" -> "une personne suivie aussi par d'autres structures du réseau";
            case DECLINED_TRIGGER -> "un relais refusé par son destinataire, à confier à quelqu'un d'autre";
            default -> "la continuité du suivi d'une personne accompagnée";
        };
    }
}
