package fr.passerelle.hub.pull;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.mapping.JsonRecords;
import fr.passerelle.hub.mapping.UnusablePayloadException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The Missions Locales' dossiers API as the hub pulls it: which page to ask for, what to call it once stored, and
 * what a page says about paging and update times. Plain Java; the HTTP call and the schedule live elsewhere.
 *
 * <p>Request: {@code GET <base>/dossiers?modifiesDepuis=<ISO date-time>&page=<n>&taillePage=<size>}, pages numbered
 * from 1. {@code modifiesDepuis} is inclusive: the dossier updated exactly at the checkpoint comes back on the next
 * run and changes nothing (same content), whereas an exclusive bound could skip a dossier updated in the same
 * second after a run. Answer: {@code {page, totalPages, dossiers[]}}, each dossier carrying {@code dateMiseAJour}.
 */
final class DossiersApi {

    /** PARTNER QUIRK: the partner writes its dates in French local time with an offset; the checkpoint is echoed alike. */
    private static final ZoneId PARTNER_ZONE = ZoneId.of("Europe/Paris");
    private static final DateTimeFormatter NAME_STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private DossiersApi() {
    }

    /** What one page says about the run: where paging stops and the latest update among its dossiers. */
    public record PageSummary(Integer page, int totalPages, int dossiers, Instant latestUpdate, int undated) {
    }

    public static URI pageUri(URI baseUrl, Instant since, int page, int pageSize) {
        String base = baseUrl.toString();
        StringBuilder uri = new StringBuilder(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                .append("/dossiers?");
        if (since != null) {
            uri.append("modifiesDepuis=").append(encode(formatSince(since))).append('&');
        }
        uri.append("page=").append(page).append("&taillePage=").append(pageSize);
        return URI.create(uri.toString());
    }

    public static String formatSince(Instant since) {
        return since.atZone(PARTNER_ZONE).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /**
     * The stored payload's name. It carries the checkpoint the run started from, so the same answer to the same
     * question is recognised (same name and digest) and stored once, while the same page of a later run is new.
     */
    public static String pageName(Instant since, int page) {
        return "dossiers-" + (since == null ? "depuis-origine" : "depuis-" + NAME_STAMP.format(since))
                + "-page-" + page + ".json";
    }

    /**
     * @throws PullRejectedException when the payload is not a dossiers page (not JSON, no {@code totalPages}, no
     *                               {@code dossiers} list)
     */
    public static PageSummary summarize(byte[] payload) {
        JsonNode root;
        try {
            root = JsonRecords.parse(payload);
        } catch (UnusablePayloadException e) {
            throw new PullRejectedException("PAGE_ILLISIBLE", e.getMessage());
        }
        JsonNode total = root.get("totalPages");
        if (total == null || !total.canConvertToInt() || !total.isIntegralNumber() || total.asInt() < 0) {
            throw new PullRejectedException("PAGE_ILLISIBLE", "« totalPages » absent ou invalide");
        }
        JsonNode dossiers = root.get("dossiers");
        if (dossiers == null || !dossiers.isArray()) {
            throw new PullRejectedException("PAGE_ILLISIBLE", "liste « dossiers » absente");
        }
        JsonNode page = root.get("page");
        Integer pageNumber = page != null && page.isIntegralNumber() ? page.asInt() : null;
        Instant latest = null;
        int undated = 0;
        for (JsonNode dossier : dossiers) {
            Instant updated = updateTime(dossier.get("dateMiseAJour"));
            if (updated == null) {
                undated++;
            } else if (latest == null || updated.isAfter(latest)) {
                latest = updated;
            }
        }
        return new PageSummary(pageNumber, total.asInt(), dossiers.size(), latest, undated);
    }

    /**
     * A dossier without a readable update time is still taken in; it only cannot move the checkpoint, which is the
     * safe side (the next run asks from an earlier time, never a later one).
     */
    static Instant updateTime(JsonNode value) {
        if (value == null || !value.isTextual()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
