package fr.passerelle.hub.handoff;

import fr.passerelle.hub.beneficiary.BeneficiaryRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The payload of a handoff: the JSON every channel carries (webhook body, SFTP outbox file, SOAP relais, pull API).
 * Common fields first ({@code handoffId, trigger, rule, reason, createdAt, recipient}), then the person as far as
 * consent allows, then what the trigger adds. Built here only.
 */
public final class HandoffPayload {

    private static final Set<String> COMMON = Set.of("handoffId", "trigger", "rule", "reason", "createdAt",
            "recipient", "beneficiary");

    private HandoffPayload() {
    }

    static Map<String, Object> of(UUID id, NewHandoff handoff, Instant createdAt) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("handoffId", id);
        payload.put("trigger", handoff.trigger());
        payload.put("rule", handoff.ruleId());
        payload.put("reason", handoff.reason());
        payload.put("createdAt", createdAt.toString());
        Map<String, Object> to = new LinkedHashMap<>();
        putIfPresent(to, "name", handoff.recipient().name());
        putIfPresent(to, "structure", handoff.recipient().structureName());
        putIfPresent(to, "role", handoff.recipient().role());
        payload.put("recipient", to);
        if (handoff.beneficiary() != null) {
            payload.put("beneficiary", handoff.beneficiary());
        }
        payload.putAll(handoff.details());
        return payload;
    }

    /**
     * SECURITY: personal details travel only with the person's consent to share, or to a partner that referred
     * them, and then only as that partner gave them ({@code shareable}, with the record as the recipient sees it:
     * {@code BeneficiaryRecords.asSeenBy}). Never the NIR, never free-text notes (they may tell of health or family).
     */
    public static Map<String, Object> person(BeneficiaryRecord record, boolean shareable) {
        Map<String, Object> person = idsOnly(record.id(), record.consent() != null && record.consent().given());
        if (!shareable) {
            return person;
        }
        putIfPresent(person, "firstNames", record.identity().firstNames());
        putIfPresent(person, "lastName", record.identity().usageName() != null ? record.identity().usageName()
                : record.identity().birthName());
        putIfPresent(person, "birthDate", record.identity().birthDate() == null ? null
                : record.identity().birthDate().toString());
        if (record.contact() != null) {
            putIfPresent(person, "email", record.contact().email());
            if (!record.contact().phones().isEmpty()) {
                person.put("phones", record.contact().phones());
            }
        }
        if (record.address() != null) {
            putIfPresent(person, "postalCode", record.address().postalCode());
            putIfPresent(person, "commune", record.address().commune());
        }
        return person;
    }

    /** The person by id only, for a recipient who works on them in the hub (coordinator) rather than from the handoff. */
    public static Map<String, Object> idsOnly(UUID beneficiaryId, boolean consentGiven) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("id", beneficiaryId);
        person.put("consentGiven", consentGiven);
        return person;
    }

    /** A stored payload's person, null if it has none: what a reminder hands on again to the same recipient. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> beneficiaryOf(Map<String, Object> payload) {
        return (Map<String, Object>) payload.get("beneficiary");
    }

    /** A stored payload less its common fields and person: what its trigger added, in order. */
    public static Map<String, Object> detailsOf(Map<String, Object> payload) {
        Map<String, Object> details = new LinkedHashMap<>(payload);
        details.keySet().removeAll(COMMON);
        return details;
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
