package fr.passerelle.hub.journey;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.canonical.Barrier;
import fr.passerelle.hub.canonical.FieldIssue;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads one flat JSON journey event (SPEC §5) and reports every field error at once, in French for the programme
 * team. Knows nothing of HTTP or of the beneficiary's state (see {@link JourneyState}).
 */
final class JourneyEventParser {

    static final int MAX_TEXT = 2000;
    /** Clocks drift; an event a few minutes "in the future" is a clock, not a prophecy. */
    static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    private static final Set<String> COMMON = Set.of("type", "occurredAt");
    private static final Map<JourneyEventType, Set<String>> FIELDS = Map.of(
            JourneyEventType.ELIGIBILITY_DECIDED, Set.of("eligible", "reason"),
            JourneyEventType.REFERENT_ASSIGNED, Set.of("referent"),
            JourneyEventType.WORKSHOP_ATTENDED, Set.of("kind"),
            JourneyEventType.APPOINTMENT_HELD, Set.of(),
            JourneyEventType.BARRIER_REPORTED, Set.of("barrier", "note"),
            JourneyEventType.BARRIER_RESOLVED, Set.of("barrier", "note"),
            JourneyEventType.NO_SHOW, Set.of(),
            JourneyEventType.DROPPED_OUT, Set.of("reason"),
            JourneyEventType.PROGRAMME_COMPLETED, Set.of("outcome"));
    private static final Set<String> REFERENT_FIELDS = Set.of("firstName", "lastName", "email", "phone");

    private final Clock clock;

    public JourneyEventParser(Clock clock) {
        this.clock = clock;
    }

    /** @throws InvalidJourneyEventException listing every problem */
    public JourneyEvent parse(JsonNode body, UUID beneficiaryId, String recordedBy) {
        List<FieldIssue> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new InvalidJourneyEventException(List.of(new FieldIssue("$", "JSON_OBJET_ATTENDU",
                    "un événement est un objet JSON")));
        }
        JourneyEventType type = enumValue(body, "type", JourneyEventType.class, true, errors);
        OffsetDateTime now = OffsetDateTime.now(clock);
        OffsetDateTime occurredAt = occurredAt(body, now, errors);
        if (type == null) {
            throw new InvalidJourneyEventException(errors);
        }
        Set<String> allowed = FIELDS.get(type);
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!COMMON.contains(name) && !allowed.contains(name)) {
                errors.add(new FieldIssue(name, "CHAMP_INATTENDU", "champ inattendu pour " + type
                        + " (champs permis : " + allowed + ")"));
            }
        }
        Boolean eligible = null;
        String reason = null;
        JourneyEvent.AssignedReferent referent = null;
        WorkshopKind kind = null;
        Barrier barrier = null;
        String note = null;
        ProgrammeOutcome outcome = null;
        switch (type) {
            case ELIGIBILITY_DECIDED -> {
                JsonNode value = body.get("eligible");
                if (value == null || value.isNull()) {
                    errors.add(new FieldIssue("eligible", "CHAMP_OBLIGATOIRE", "eligible est obligatoire (true ou false)"));
                } else if (!value.isBoolean()) {
                    errors.add(new FieldIssue("eligible", "VALEUR_INVALIDE", "eligible doit valoir true ou false"));
                } else {
                    eligible = value.booleanValue();
                }
                reason = text(body, "reason", Boolean.FALSE.equals(eligible), errors);
            }
            case REFERENT_ASSIGNED -> referent = referent(body.get("referent"), errors);
            case WORKSHOP_ATTENDED -> kind = enumValue(body, "kind", WorkshopKind.class, true, errors);
            case BARRIER_REPORTED, BARRIER_RESOLVED -> {
                barrier = enumValue(body, "barrier", Barrier.class, true, errors);
                note = text(body, "note", false, errors);
            }
            case DROPPED_OUT -> reason = text(body, "reason", false, errors);
            case PROGRAMME_COMPLETED -> outcome = enumValue(body, "outcome", ProgrammeOutcome.class, true, errors);
            default -> {
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidJourneyEventException(errors);
        }
        return new JourneyEvent(UUID.randomUUID(), beneficiaryId, type, occurredAt == null ? now : occurredAt,
                clock.instant(), recordedBy, eligible, reason, referent, kind, barrier, note, outcome);
    }

    private OffsetDateTime occurredAt(JsonNode body, OffsetDateTime now, List<FieldIssue> errors) {
        JsonNode value = body.get("occurredAt");
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            OffsetDateTime at = OffsetDateTime.parse(value.asText());
            if (at.isAfter(now.plus(FUTURE_TOLERANCE))) {
                errors.add(new FieldIssue("occurredAt", "DATE_FUTURE", "occurredAt est dans le futur"));
            }
            return at;
        } catch (DateTimeParseException e) {
            errors.add(new FieldIssue("occurredAt", "DATE_INVALIDE",
                    "occurredAt doit être une date-heure ISO 8601 avec décalage, ex. 2026-11-20T10:00:00+01:00"));
            return null;
        }
    }

    private static JourneyEvent.AssignedReferent referent(JsonNode value, List<FieldIssue> errors) {
        if (value == null || value.isNull()) {
            errors.add(new FieldIssue("referent", "CHAMP_OBLIGATOIRE", "referent est obligatoire"));
            return null;
        }
        if (value.isTextual()) {
            String name = value.asText().trim();
            if (name.isEmpty() || name.length() > 200) {
                errors.add(new FieldIssue("referent", "VALEUR_INVALIDE", "referent : nom vide ou trop long"));
                return null;
            }
            return new JourneyEvent.AssignedReferent(null, name, null, null);
        }
        if (!value.isObject()) {
            errors.add(new FieldIssue("referent", "VALEUR_INVALIDE",
                    "referent est un nom ou un objet {firstName, lastName, email, phone}"));
            return null;
        }
        int before = errors.size();
        for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!REFERENT_FIELDS.contains(name)) {
                errors.add(new FieldIssue("referent." + name, "CHAMP_INATTENDU", "champ inattendu dans referent"));
            }
        }
        String first = text(value, "firstName", false, errors, "referent.");
        String last = text(value, "lastName", true, errors, "referent.");
        String email = text(value, "email", false, errors, "referent.");
        String phone = text(value, "phone", false, errors, "referent.");
        if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            errors.add(new FieldIssue("referent.email", "VALEUR_INVALIDE", "referent.email n'est pas une adresse"));
        }
        return errors.size() > before ? null : new JourneyEvent.AssignedReferent(first, last, email, phone);
    }

    private static String text(JsonNode body, String field, boolean required, List<FieldIssue> errors) {
        return text(body, field, required, errors, "");
    }

    private static String text(JsonNode body, String field, boolean required, List<FieldIssue> errors, String prefix) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isBlank())) {
            if (required) {
                errors.add(new FieldIssue(prefix + field, "CHAMP_OBLIGATOIRE", prefix + field + " est obligatoire"));
            }
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldIssue(prefix + field, "VALEUR_INVALIDE", prefix + field + " doit être un texte"));
            return null;
        }
        if (value.asText().length() > MAX_TEXT) {
            errors.add(new FieldIssue(prefix + field, "TROP_LONG", prefix + field + " dépasse " + MAX_TEXT + " caractères"));
            return null;
        }
        return value.asText().trim();
    }

    private static <E extends Enum<E>> E enumValue(JsonNode body, String field, Class<E> type, boolean required,
                                                   List<FieldIssue> errors) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                errors.add(new FieldIssue(field, "CHAMP_OBLIGATOIRE", field + " est obligatoire"));
            }
            return null;
        }
        try {
            return Enum.valueOf(type, value.asText());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldIssue(field, "VALEUR_INCONNUE", field + " : '" + value.asText() + "' n'est pas une valeur permise "
                    + Arrays.toString(type.getEnumConstants())));
            return null;
        }
    }
}
