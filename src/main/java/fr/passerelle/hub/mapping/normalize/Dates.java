package fr.passerelle.hub.mapping.normalize;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Dates in every pattern the mapping declares ({@code patterns}), strictly: 31/02 is refused, not rolled over.
 * Special patterns: {@code excel-serial} (days since 1899-12-30) and {@code iso-offset-datetime}.
 */
public final class Dates implements Normalizer {

    static final String EXCEL_SERIAL = "excel-serial";
    static final String ISO_OFFSET = "iso-offset-datetime";
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    @Override
    public void checkOptions(Map<String, Object> options) {
        List<String> patterns = patterns(options);
        if (patterns.isEmpty()) {
            throw new IllegalArgumentException("option 'patterns' (list of date patterns) is required");
        }
        patterns.forEach(Dates::formatterOrSpecial);
    }

    @Override
    public Normalized apply(List<String> raw, Map<String, Object> options) {
        String text = raw.get(0).trim();
        List<String> patterns = patterns(options);
        for (String pattern : patterns) {
            try {
                LocalDate date = parse(text, pattern);
                if (date != null) {
                    return Normalized.value(date);
                }
            } catch (DateTimeParseException | NumberFormatException e) {
                // try the next declared pattern
            }
        }
        return Normalized.rejected("DATE_INVALIDE",
                "date invalide « " + text + " » (format attendu : " + String.join(" ou ", patterns) + ")");
    }

    private static LocalDate parse(String text, String pattern) {
        if (EXCEL_SERIAL.equals(pattern)) {
            double serial = Double.parseDouble(text.replace(',', '.'));
            if (serial < 1 || serial > 2_958_465) {
                return null;
            }
            return EXCEL_EPOCH.plusDays((long) Math.floor(serial));
        }
        if (ISO_OFFSET.equals(pattern)) {
            return OffsetDateTime.parse(text).toLocalDate();
        }
        DateTimeFormatter formatter = formatterOrSpecial(pattern);
        return pattern.contains("H") ? LocalDateTime.parse(text, formatter).toLocalDate()
                : LocalDate.parse(text, formatter);
    }

    private static DateTimeFormatter formatterOrSpecial(String pattern) {
        if (EXCEL_SERIAL.equals(pattern) || ISO_OFFSET.equals(pattern)) {
            return null;
        }
        // 'uuuu' so that STRICT resolution accepts years without an era.
        return DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu")).withResolverStyle(ResolverStyle.STRICT);
    }

    @SuppressWarnings("unchecked")
    private static List<String> patterns(Map<String, Object> options) {
        Object value = options.get("patterns");
        if (value instanceof List<?> list) {
            List<String> patterns = new ArrayList<>();
            list.forEach(item -> patterns.add(String.valueOf(item)));
            return patterns;
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }
}
