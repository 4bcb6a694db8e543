package fr.passerelle.hub.handoff.referent;

import fr.passerelle.hub.beneficiary.BeneficiaryRecord;
import fr.passerelle.hub.handoff.Handoff;
import fr.passerelle.hub.handoff.HandoffOutbox;
import fr.passerelle.hub.handoff.RecipientLookup;
import fr.passerelle.hub.handoff.rules.Recipient;
import fr.passerelle.hub.handoff.rules.RecipientKind;
import fr.passerelle.hub.partner.Channel;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final RecipientLookup lookup;
    private final MeterRegistry meters;
    private final Clock clock;

    DeclinedHandoffs(HandoffOutbox outbox, RecipientLookup lookup, MeterRegistry meters, Clock clock) {
        this.outbox = outbox;
        this.lookup = lookup;
        this.meters = meters;
        this.clock = clock;
    }

    void handOn(Handoff declined, BeneficiaryRecord record, String why) {
        HandoffOutbox.Source source = new HandoffOutbox.Source("HANDOFF_DECLINED", declined.id().toString());
        String by = declined.recipientName() != null ? declined.recipientName() : declined.recipientStructure();
        UUID beneficiaryId = record == null ? declined.beneficiaryId() : record.id();
        List<Recipient> coordinators = record == null ? List.of()
                : lookup.finder(record, null, LocalDate.now(clock.withZone(ZoneId.of("Europe/Paris"))))
                        .find(RecipientKind.TERRITORY_COORDINATOR, null).stream()
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
        for (Recipient recipient : coordinators) {
            UUID id = UUID.randomUUID();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("handoffId", id);
            payload.put("trigger", HandoffPurpose.DECLINED_TRIGGER);
            payload.put("rule", RULE);
            payload.put("reason", reason);
            payload.put("createdAt", Instant.now(clock).toString());
            Map<String, Object> to = new LinkedHashMap<>();
            putIfPresent(to, "name", recipient.name());
            putIfPresent(to, "structure", recipient.structureName());
            putIfPresent(to, "role", recipient.role());
            payload.put("recipient", to);
            if (beneficiaryId != null) {
                // SECURITY: ids only; the coordinator reads the person's context through their own link or console.
                payload.put("beneficiary", Map.of("id", beneficiaryId, "consentGiven", shared));
            }
            payload.put("declined", Map.of("handoffId", declined.id(), "rule", declined.ruleId(), "by", by,
                    "reason", why));
            String explanation = "Transfert " + declined.id() + " (règle " + declined.ruleId() + ") refusé par " + by
                    + " ; règle " + RULE + " : " + RecipientKind.TERRITORY_COORDINATOR.label() + " → " + recipient.found();
            Optional<UUID> added = outbox.add(id, beneficiaryId, HandoffPurpose.DECLINED_TRIGGER, source, RULE, reason,
                    explanation, recipient, payload,
                    recipient.channel() == Channel.PULL_API ? "à récupérer par le partenaire : GET /api/v1/handoffs" : null,
                    recipient.channel() == Channel.PULL_API ? null : Instant.now(clock));
            added.ifPresent(created -> meters.counter("passerelle.handoffs.created",
                    "partner", recipient.partnerId() == null ? "none" : recipient.partnerId(),
                    "channel", recipient.channel().name(), "rule", RULE).increment());
            outbox.decide(beneficiaryId, HandoffPurpose.DECLINED_TRIGGER, source, RULE, "ROUTED", explanation,
                    added.orElse(null));
        }
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
