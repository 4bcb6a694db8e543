package fr.passerelle.hub.journey;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.beneficiary.BeneficiaryRecord;
import fr.passerelle.hub.beneficiary.BeneficiaryRecords;
import fr.passerelle.hub.beneficiary.BeneficiaryStore;
import fr.passerelle.hub.canonical.ReferentContact;
import fr.passerelle.hub.canonical.ReferentRole;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records journey events: parse, validate against the beneficiary's state, append, and publish
 * {@link JourneyEventRecorded} in the same transaction (the handoff outbox rows commit with the event or not at all).
 */
@Component
class JourneyService {

    private final JourneyStore store;
    private final BeneficiaryRecords records;
    private final BeneficiaryStore beneficiaries;
    private final ApplicationEventPublisher events;
    private final JourneyEventParser parser;

    public JourneyService(JourneyStore store, BeneficiaryRecords records, BeneficiaryStore beneficiaries,
                          ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.records = records;
        this.beneficiaries = beneficiaries;
        this.events = events;
        this.parser = new JourneyEventParser(clock);
    }

    /** Result of recording: the event and what it triggered. Empty when the beneficiary does not exist. */
    @Transactional
    public Optional<JourneyEventRecorded> record(UUID beneficiaryId, String recordedBy, JsonNode body) {
        JourneyEvent event = parser.parse(body, beneficiaryId, recordedBy);
        if (!store.lockBeneficiary(beneficiaryId)) {
            return Optional.empty();
        }
        BeneficiaryRecord record = records.find(beneficiaryId).orElseThrow();
        JourneyState before = JourneyState.of(record.barriers(), store.events(beneficiaryId));
        before.check(event);
        store.append(event);
        if (event.type() == JourneyEventType.REFERENT_ASSIGNED) {
            JourneyEvent.AssignedReferent referent = event.referent();
            beneficiaries.assignReferent(beneficiaryId, ReferentRole.PROGRAMME_REFERENT,
                    new ReferentContact(referent.firstName(), referent.lastName(), referent.email(), referent.phone(),
                            null, null),
                    recordedBy, null);
        } else if (event.type() == JourneyEventType.BARRIER_REPORTED) {
            beneficiaries.reportBarrier(beneficiaryId, event.barrier());
        } else if (event.type() == JourneyEventType.BARRIER_RESOLVED) {
            beneficiaries.resolveBarrier(beneficiaryId, event.barrier());
        }
        List<String> triggers = new ArrayList<>();
        triggers.add(event.type().name());
        if (before.starts(event)) {
            triggers.add(JourneyEventRecorded.PROGRAMME_STARTED);
        }
        JourneyEventRecorded recorded = new JourneyEventRecorded(event, triggers, before.after(event));
        events.publishEvent(recorded);
        return Optional.of(recorded);
    }

    @Transactional(readOnly = true)
    public Optional<Journey> journey(UUID beneficiaryId) {
        return records.find(beneficiaryId).map(record -> {
            List<JourneyEvent> list = store.events(beneficiaryId);
            return new Journey(beneficiaryId, JourneyState.of(record.barriers(), list), list);
        });
    }
}
