package fr.passerelle.hub.intake;

import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.failure.FailureKind;
import fr.passerelle.hub.failure.HubException;
import java.util.List;

/**
 * A partner record key already names another person (issue "one person, one record"): a couple given one file
 * number, a shifted spreadsheet column. The record is not applied and the person already known is untouched.
 */
public class RecordKeyReusedException extends HubException {

    private static final String DETAIL = "cet identifiant d'orientation désigne déjà une autre personne (NIR différent, "
            + "ou prénom et date de naissance différents) : l'enregistrement n'est pas appliqué et la personne déjà "
            + "connue reste inchangée ; envoyez-le sous un identifiant qui lui est propre";

    public RecordKeyReusedException() {
        super(FailureKind.CONFLICT, "IDENTIFIANT_REUTILISE", "Identifiant d'orientation réutilisé", DETAIL,
                List.of(new FieldIssue("recordKey", "IDENTIFIANT_REUTILISE", DETAIL)), null);
    }
}
