package fr.passerelle.hub.handoff;

import fr.passerelle.hub.beneficiary.BeneficiaryRecord;
import fr.passerelle.hub.beneficiary.BeneficiaryRecords;
import fr.passerelle.hub.beneficiary.ReferralOnRecord;
import fr.passerelle.hub.handoff.rules.RuleEvaluator;
import fr.passerelle.hub.handoff.rules.Recipient;
import fr.passerelle.hub.handoff.rules.RoutingDecision;
import fr.passerelle.hub.handoff.rules.RoutingFacts;
import fr.passerelle.hub.handoff.rules.Trigger;
import fr.passerelle.hub.handoff.watch.NoActiveReferentDetected;
import fr.passerelle.hub.identity.BeneficiaryMatched;
import fr.passerelle.hub.journey.JourneyEvent;
import fr.passerelle.hub.journey.JourneyEventRecorded;
import fr.passerelle.hub.journey.JourneyEventType;
import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.partner.Partner;
import fr.passerelle.hub.partner.PartnerRegistry;
import fr.passerelle.hub.referral.ReferralAccepted;
import fr.passerelle.hub.referral.ReferralRejected;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Turns what happens into handoffs: listens to referrals accepted or rejected, matches, journey events and the
 * watchdog's alerts synchronously, inside the transaction that records them, evaluates the rules
 * ({@link RuleEvaluator}) and writes each handoff ({@link HandoffOutbox#add}) and every routing decision in that same
 * transaction. If the fact rolls back, so do its handoffs.
 */
@Component
class HandoffEventListener {

    static final ZoneId FRANCE = ZoneId.of("Europe/Paris");
    static final String WITHHELD_TEXT = "motif non communiqué faute de consentement au partage";
    static final String WITHHELD_PARTNERS = "un autre partenaire du réseau (non nommé faute de consentement au partage)";

    private final RuleFileLoader rules;
    private final DirectoryLookup lookup;
    private final BeneficiaryRecords records;
    private final HandoffOutbox outbox;
    private final PartnerRegistry partners;
    private final Clock clock;

    HandoffEventListener(RuleFileLoader rules, DirectoryLookup lookup, BeneficiaryRecords records,
                                HandoffOutbox outbox, PartnerRegistry partners, Clock clock) {
        this.rules = rules;
        this.lookup = lookup;
        this.records = records;
        this.outbox = outbox;
        this.partners = partners;
        this.clock = clock;
    }

    @EventListener
    @Order(10)
    public void on(ReferralOnRecord onRecord) {
        ReferralAccepted accepted = onRecord.referral();
        BeneficiaryRecord record = onRecord.record();
        Map<String, String> placeholders = new HashMap<>();
        placeholders.put("referralId", accepted.referralId().toString());
        placeholders.put("partner", partnerName(accepted.partnerId()));
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("referral", Map.of("id", accepted.referralId(), "partner", accepted.partnerId()));
        route(Trigger.REFERRAL_ACCEPTED, new HandoffOutbox.Source("REFERRAL", accepted.referralId().toString()),
                record, accepted.partnerId(), null, 0, null, accepted.firstTime(), placeholders, context, today());
    }

    @EventListener
    @Order(10)
    public void on(ReferralRejected rejected) {
        Map<String, String> placeholders = new HashMap<>();
        placeholders.put("partner", partnerName(rejected.partnerId()));
        placeholders.put("errors", rejected.errors().stream().map(FieldIssue::message).collect(Collectors.joining(" ; ")));
        Map<String, Object> rejection = new LinkedHashMap<>();
        rejection.put("rawMessageId", rejected.rawMessageId());
        rejection.put("position", rejected.position());
        if (rejected.recordKey() != null) {
            rejection.put("recordKey", rejected.recordKey());
        }
        rejection.put("errors", rejected.errors());
        route(Trigger.REFERRAL_REJECTED, new HandoffOutbox.Source("FILE_RECORD",
                        rejected.rawMessageId() + ":" + rejected.position()),
                null, rejected.partnerId(), null, 0, null, true, placeholders, Map.of("rejection", rejection), today());
    }

    @EventListener
    @Order(10)
    public void on(BeneficiaryMatched matched) {
        BeneficiaryRecord record = records.find(matched.beneficiaryId()).orElse(null);
        Set<String> all = new HashSet<>(matched.otherPartners());
        all.add(matched.partnerId());
        Map<String, String> placeholders = new HashMap<>();
        placeholders.put("partner", partnerName(matched.partnerId()));
        Map<String, Object> match = new LinkedHashMap<>();
        // SECURITY: a match alone never tells who else follows the person; their consent to share does.
        if (consentGiven(record)) {
            placeholders.put("otherPartners", all.stream().sorted().map(this::partnerName)
                    .collect(Collectors.joining(", ")));
            match.put("partners", all.stream().sorted().toList());
        } else {
            placeholders.put("otherPartners", WITHHELD_PARTNERS);
        }
        match.put("how", matched.how());
        route(Trigger.BENEFICIARY_MATCHED, new HandoffOutbox.Source("MATCH", matched.referralId().toString()),
                record, matched.partnerId(), null, 0, null, true, placeholders, Map.of("match", match), today());
    }

    @EventListener
    @Order(10)
    public void on(JourneyEventRecorded recorded) {
        JourneyEvent event = recorded.event();
        BeneficiaryRecord record = records.find(event.beneficiaryId()).orElseThrow();
        Map<String, String> placeholders = new HashMap<>();
        if (event.barrier() != null) {
            placeholders.put("barrier", event.barrier().name());
            placeholders.put("barrierLabel", event.barrier().label());
        }
        if (event.outcome() != null) {
            placeholders.put("outcome", event.outcome().name());
        }
        if (event.kind() != null) {
            placeholders.put("kind", event.kind().name());
        }
        // SECURITY: free text (drop-out reason, eligibility note) may tell of health or family: it leaves the hub
        // only with the person's consent to share.
        String eligibility = event.eligible() == null ? "non précisé" : event.eligible() ? "éligible" : "non éligible";
        placeholders.put("reason", event.reason() == null ? eligibility
                : consentGiven(record) ? event.reason()
                : event.eligible() == null ? WITHHELD_TEXT : eligibility + ", " + WITHHELD_TEXT);
        placeholders.put("noShows", String.valueOf(recorded.after().noShows()));
        Map<String, Object> eventPart = new LinkedHashMap<>();
        eventPart.put("id", event.id());
        eventPart.put("type", event.type().name());
        eventPart.put("occurredAt", event.occurredAt().toString());
        if (event.eligible() != null) {
            eventPart.put("eligible", event.eligible());
        }
        if (event.kind() != null) {
            eventPart.put("kind", event.kind().name());
        }
        if (event.barrier() != null) {
            eventPart.put("barrier", event.barrier().name());
        }
        if (event.outcome() != null) {
            eventPart.put("outcome", event.outcome().name());
        }
        LocalDate on = event.occurredAt().atZoneSameInstant(FRANCE).toLocalDate();
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("event", eventPart);
        if (event.type() == JourneyEventType.BARRIER_REPORTED) {
            // What the recipient can point the person to at once, whoever the rule hands the barrier to.
            context.put("nearbyServices", lookup.nearbyServices(record, event.barrier(), on));
        }
        for (String trigger : recorded.triggers()) {
            route(Trigger.valueOf(trigger), new HandoffOutbox.Source("JOURNEY_EVENT", event.id().toString()), record,
                    null, event.barrier(), recorded.after().noShows(),
                    event.outcome() == null ? null : event.outcome().name(), true, placeholders, context, on);
        }
    }

    /** The watchdog found nobody following the person for a while (handoff/watch); once per silent period. */
    @EventListener
    @Order(10)
    public void on(NoActiveReferentDetected detected) {
        BeneficiaryRecord record = records.find(detected.beneficiaryId()).orElseThrow();
        Map<String, Object> watchdog = new LinkedHashMap<>();
        watchdog.put("lastActivityAt", detected.lastActivityAt().toString());
        watchdog.put("days", detected.days());
        route(Trigger.NO_ACTIVE_REFERENT, new HandoffOutbox.Source("WATCHDOG", detected.periodKey()), record, null,
                null, 0, null, true, Map.of("days", String.valueOf(detected.days())), Map.of("watchdog", watchdog),
                today());
    }

    private void route(Trigger trigger, HandoffOutbox.Source source, BeneficiaryRecord record, String sendingPartner,
                       fr.passerelle.hub.canonical.Barrier barrier, int noShows, String outcome, boolean firstTime,
                       Map<String, String> placeholders, Map<String, Object> context, LocalDate on) {
        Integer age = DirectoryLookup.age(record, on);
        Map<String, String> values = new HashMap<>(placeholders);
        if (age != null) {
            values.put("age", String.valueOf(age));
        }
        RoutingFacts facts = new RoutingFacts(trigger, barrier, outcome, noShows, age,
                record != null && record.consent() != null && record.consent().given(),
                record != null && lookup.registeredWithFranceTravail(record),
                record != null && lookup.plieParticipant(record), firstTime, values);
        List<RoutingDecision> decisions = RuleEvaluator.evaluate(rules.rules(), facts,
                lookup.resolver(record, sendingPartner, on));
        UUID beneficiaryId = record == null ? null : record.id();
        for (RoutingDecision decision : decisions) {
            Recipient recipient = decision.recipient();
            if (recipient == null) {
                outbox.decide(beneficiaryId, trigger.name(), source, decision.ruleId(), decision.outcome().name(),
                        decision.explanation(), null);
                continue;
            }
            Map<String, Object> person = record == null ? null : person(record, recipient, facts.consentGiven());
            outbox.add(new NewHandoff(beneficiaryId, trigger.name(), source, decision.ruleId(), decision.reason(),
                    decision.explanation(), recipient, person, context), decision.outcome());
        }
    }

    /**
     * SECURITY: with consent, the person as the record holds them; without, a partner recipient gets back only what
     * its own referrals carried ({@link BeneficiaryRecords#asSeenBy}), anyone else the ids.
     */
    private Map<String, Object> person(BeneficiaryRecord record, Recipient recipient, boolean consentGiven) {
        if (consentGiven) {
            return HandoffPayload.person(record, true);
        }
        if (recipient.partnerId() == null) {
            return HandoffPayload.person(record, false);
        }
        return HandoffPayload.person(records.asSeenBy(record, recipient.partnerId()), true);
    }

    private static boolean consentGiven(BeneficiaryRecord record) {
        return record != null && record.consent() != null && record.consent().given();
    }

    private String partnerName(String partnerId) {
        return partners.find(partnerId).map(Partner::name).orElse(partnerId);
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(FRANCE));
    }
}
