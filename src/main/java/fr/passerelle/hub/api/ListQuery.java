package fr.passerelle.hub.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.apache.camel.Exchange;

/**
 * How every list of the API is asked for (docs/api.md, list conventions): {@code limit} items at most, those after
 * the {@code after} cursor of the previous page, created or received at or after {@code since}. The list's order is
 * its store's (a time, then the id), and the cursor is the last item's time and id in that order.
 *
 * @param afterAt null on the first page
 * @param afterId null on the first page
 * @param since   null when not filtered by date
 */
public record ListQuery(int limit, Instant afterAt, UUID afterId, Instant since) {

    /**
     * @throws InvalidParameterException for a cursor the hub did not make or a date it cannot read
     */
    public static ListQuery of(Exchange exchange, int fallbackLimit, int maxLimit) {
        int limit = ApiExchange.limit(exchange, fallbackLimit, maxLimit);
        Instant since = null;
        String sinceText = exchange.getIn().getHeader("since", String.class);
        if (sinceText != null && !sinceText.isBlank()) {
            try {
                since = OffsetDateTime.parse(sinceText.strip()).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidParameterException("since",
                        "date-heure ISO 8601 avec décalage attendue, ex. 2026-11-20T00:00:00+01:00");
            }
        }
        String after = exchange.getIn().getHeader("after", String.class);
        if (after == null || after.isBlank()) {
            return new ListQuery(limit, null, null, since);
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(after.strip()), StandardCharsets.UTF_8)
                    .split("\\|");
            return new ListQuery(limit, Instant.parse(parts[0]), UUID.fromString(parts[1]), since);
        } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw new InvalidParameterException("after", "curseur inconnu : reprenez celui d'une page précédente");
        }
    }

    /** The cursor of the page after {@code items}, null when this page is not full (nothing more to ask for). */
    public <T> String nextCursor(List<T> items, Function<T, Instant> at, Function<T, UUID> id) {
        if (items.size() < limit || items.isEmpty()) {
            return null;
        }
        T last = items.get(items.size() - 1);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at.apply(last) + "|" + id.apply(last))
                .getBytes(StandardCharsets.UTF_8));
    }

    public boolean hasCursor() {
        return afterAt != null;
    }
}
