package fr.passerelle.hub.handoff.referent;

import fr.passerelle.hub.beneficiary.BeneficiaryRecord;
import fr.passerelle.hub.handoff.Handoff;
import fr.passerelle.hub.handoff.HandoffOutbox;
import fr.passerelle.hub.handoff.HandoffPayload;
import fr.passerelle.hub.handoff.NewHandoff;
import fr.passerelle.hub.handoff.DirectoryLookup;
import fr.passerelle.hub.handoff.rules.Recipient;
import fr.passerelle.hub.handoff.rules.RecipientKind;
import fr.passerelle.hub.handoff.rules.RoutingDecision;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A declined handoff is handed on, in the transaction of the refusal, to the territory coordinator covering the
 * person's commune (rule {@code referent-declined}), so that somebody finds another referent. The routing decision
 * records it, or that nobody could be found, like any other.
 */
@Component
class DeclinedHandoffs {

    static final String RULE = "referent-declined";

    private final HandoffOutbox outbox;
    private final DirectoryLookup lookup;

    DeclinedHandoffs(HandoffOutbox outbox, DirectoryLookup lookup) {
        this.outbox = outbox;
        this.lookup = lookup;
    }

    void handOn(Handoff declined, BeneficiaryRecord record, String why) {
        HandoffOutbox.Source source = new HandoffOutbox.Source("HANDOFF_DECLINED", declined.id().toString());
        String by = declined.recipientName() != null ? declined.recipientName() : declined.recipientStructure();
        UUID beneficiaryId = record == null ? declined.beneficiaryId() : record.id();
        List<Recipient> coordinators = lookup.territoryCoordinators(record).stream()
                .filter(recipient -> !recipient.key().equals(declined.recipientKey())).toList();
        if (coordinators.isEmpty()) {
            outbox.decide(beneficiaryId, HandoffPurpose.DECLINED_TRIGGER, source, RULE, "NO_RECIPIENT",
                    "Transfert " + declined.id() + " refusé par " + by + " ; aucun coordinateur territorial "
                            + "connu pour la commune de la personne : à réattribuer par l'équipe du programme.", null);
            return;
        }
        boolean shared = record != null && record.consent() != null && record.consent().given();
        // SECURITY: the declined handoff's own reason may name a barrier; it travels on only with consent.
        String reason = "Relais refusé par " + by + (shared ? " (transfert « " + declined.reason() + " »)" : "")
                + " : « " + why + " ». Trouvez un autre interlocuteur à la personne.";
        // SECURITY: ids only; the coordinator reads the person's context through their own link or console.
        Map<String, Object> person = beneficiaryId == null ? null : HandoffPayload.idsOnly(beneficiaryId, shared);
        Map<String, Object> decline = Map.of("declined", Map.of("handoffId", declined.id(), "rule", declined.ruleId(),
                "by", by, "reason", why));
        for (Recipient recipient : coordinators) {
            String explanation = "Transfert " + declined.id() + " (règle " + declined.ruleId() + ") refusé par " + by
                    + " ; règle " + RULE + " : " + RecipientKind.TERRITORY_COORDINATOR.label() + " → " + recipient.found();
            outbox.add(new NewHandoff(beneficiaryId, HandoffPurpose.DECLINED_TRIGGER, source, RULE, reason,
                    explanation, recipient, person, decline), RoutingDecision.Outcome.ROUTED);
        }
    }
}
