package fr.passerelle.hub.intake;

import fr.passerelle.hub.failure.FailureKind;
import fr.passerelle.hub.failure.HubException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The reject report of a file existed, and retention emptied it (it quotes rows: personal data): 410, and when, so
 * the partner knows asking again will not bring it back. The outbox copy it received at the time is its own.
 */
public class ReportPrunedException extends HubException {

    ReportPrunedException(InboundFileStore.PrunedReport pruned) {
        super(FailureKind.GONE, "RAPPORT_SUPPRIME", "Rapport de rejet supprimé",
                "le rapport de rejet de ce fichier a été supprimé le "
                        + DateTimeFormatter.ISO_LOCAL_DATE.format(pruned.prunedAt().atOffset(ZoneOffset.UTC))
                        + " après " + pruned.keptDays() + " jours de conservation (données d'exploitation) ;"
                        + " la copie déposée alors dans votre boîte de dépôt sortante reste la vôtre");
    }
}
