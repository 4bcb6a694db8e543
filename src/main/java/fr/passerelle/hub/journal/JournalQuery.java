package fr.passerelle.hub.journal;

import fr.passerelle.hub.api.InvalidParameterException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * A search of the journal: every criterion optional, all of them together. Business keys only — partner record key,
 * referral, beneficiary, handoff ids — never a NIR (SPEC §6): there is no such criterion, and NIRs are sealed.
 *
 * @param kind  {@code MESSAGE}, {@code HANDOFF} or null for both
 * @param from  inclusive; null when not bounded
 * @param to    exclusive; null when not bounded
 * @param limit 1…200
 */
public record JournalQuery(String kind, String partner, String status, Instant from, Instant to, String recordKey,
                           UUID referralId, UUID beneficiaryId, UUID handoffId, int limit) {

    static final int MAX_LIMIT = 200;
    /** A message's outcomes (intake's MessageOutcome, RECEIVED before any) and a handoff's statuses. */
    private static final java.util.Set<String> STATUSES = new java.util.TreeSet<>(java.util.List.of("RECEIVED",
            "ACCEPTED", "UPDATED", "DUPLICATE", "REJECTED", "FAILED", "DONE", "PENDING", "DELIVERED", "ACKNOWLEDGED",
            "PARKED"));
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** Reads the criteria from request parameters (console form or API query string). */
    public static JournalQuery of(Function<String, String> parameters) {
        String kind = text(parameters, "kind");
        if (kind != null) {
            kind = kind.toUpperCase(Locale.ROOT);
            if (!kind.equals("MESSAGE") && !kind.equals("HANDOFF")) {
                throw new InvalidParameterException("kind", "MESSAGE ou HANDOFF attendu");
            }
        }
        String status = text(parameters, "status");
        if (status != null && !STATUSES.contains(status.toUpperCase(Locale.ROOT))) {
            throw new InvalidParameterException("status", "valeurs admises : " + String.join(", ", STATUSES));
        }
        String limitText = text(parameters, "limit");
        int limit = limitText == null || !limitText.matches("\\d{1,9}") ? 50
                : Math.max(1, Math.min(MAX_LIMIT, Integer.parseInt(limitText)));
        return new JournalQuery(kind, text(parameters, "partner"),
                status == null ? null : status.toUpperCase(Locale.ROOT),
                instant(parameters, "from", false), instant(parameters, "to", true), text(parameters, "recordKey"),
                uuid(parameters, "referralId"), uuid(parameters, "beneficiaryId"), uuid(parameters, "handoffId"), limit);
    }

    public static JournalQuery of(Map<String, String> parameters) {
        return of(parameters::get);
    }

    boolean wantsMessages() {
        return kind == null || kind.equals("MESSAGE");
    }

    boolean wantsHandoffs() {
        return kind == null || kind.equals("HANDOFF");
    }

    private static String text(Function<String, String> parameters, String name) {
        String value = parameters.apply(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static UUID uuid(Function<String, String> parameters, String name) {
        String value = text(parameters, name);
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(name, "identifiant (UUID) attendu");
        }
    }

    /** A day (Paris time; {@code to} then includes the whole day) or an ISO 8601 date-time with its offset. */
    private static Instant instant(Function<String, String> parameters, String name, boolean endOfDay) {
        String value = text(parameters, name);
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(PARIS).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(name, "date (2026-11-20) ou date-heure ISO 8601 avec décalage attendue");
        }
    }
}
