package fr.passerelle.hub.journal;

import fr.passerelle.hub.api.InvalidParameterException;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Function;

/**
 * Which items a batch replay takes: failed messages ({@code MESSAGE}) or parked handoffs ({@code HANDOFF}), of one
 * partner (the sender, or the handoff's recipient) and within a date range, or all of them.
 */
public record ReplayFilter(String kind, String partner, Instant from, Instant to) {

    public static ReplayFilter of(Function<String, String> parameters) {
        String kind = parameters.apply("kind");
        if (kind == null || kind.isBlank()) {
            throw new InvalidParameterException("kind", "MESSAGE (messages en échec) ou HANDOFF (transferts mis de côté) attendu");
        }
        kind = kind.strip().toUpperCase(Locale.ROOT);
        if (!kind.equals("MESSAGE") && !kind.equals("HANDOFF")) {
            throw new InvalidParameterException("kind", "MESSAGE (messages en échec) ou HANDOFF (transferts mis de côté) attendu");
        }
        JournalQuery dates = JournalQuery.of(name -> name.equals("from") || name.equals("to") ? parameters.apply(name) : null);
        String partner = parameters.apply("partner");
        return new ReplayFilter(kind, partner == null || partner.isBlank() ? null : partner.strip(), dates.from(),
                dates.to());
    }

    /** The filter in words, kept with the job. */
    String describe() {
        return (kind.equals("MESSAGE") ? "messages en échec" : "transferts mis de côté")
                + (partner == null ? "" : ", partenaire " + partner)
                + (from == null ? "" : ", depuis " + from)
                + (to == null ? "" : ", avant " + to);
    }
}
