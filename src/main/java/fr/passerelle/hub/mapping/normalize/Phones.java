package fr.passerelle.hub.mapping.normalize;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** French phone numbers to E.164; a cell may hold several. */
public final class Phones implements Normalizer {

    private static final Pattern SEPARATORS = Pattern.compile("\\s*(?:/|;|,|\\||\\bou\\b|\\bet\\b|\\n)\\s*",
            Pattern.CASE_INSENSITIVE);
    /** Overseas departments keep their own country codes (0262 → +262, 0590 → +590 …). */
    private static final Map<String, String> OVERSEAS = Map.of(
            "0262", "+262", "0692", "+262", "0693", "+262", "0590", "+590", "0690", "+590",
            "0594", "+594", "0694", "+594", "0596", "+596", "0696", "+596", "0269", "+262");

    @Override
    public Normalized apply(List<String> raw, Map<String, Object> options) {
        Set<String> phones = new LinkedHashSet<>();
        List<Normalized.Problem> dropped = new ArrayList<>();
        for (String cell : raw) {
            for (String part : SEPARATORS.split(cell)) {
                if (part.isBlank()) {
                    continue;
                }
                Optional<String> e164 = toE164(part);
                if (e164.isPresent()) {
                    phones.add(e164.get());
                } else {
                    dropped.add(new Normalized.Problem("TELEPHONE_ILLISIBLE",
                            "numéro de téléphone illisible, ignoré"));
                }
            }
        }
        if (phones.isEmpty()) {
            return dropped.isEmpty() ? Normalized.EMPTY
                    : Normalized.dropped(dropped.get(0).code(), dropped.get(0).message());
        }
        return Normalized.value(List.copyOf(phones), dropped);
    }

    public static Optional<String> toE164(String input) {
        String digits = input.trim().replaceAll("[\\s.\\-()]", "");
        if (digits.startsWith("+")) {
            String rest = digits.substring(1);
            if (rest.startsWith("330")) {
                rest = "33" + rest.substring(3);
            }
            return rest.matches("\\d{8,15}") && (!rest.startsWith("33") || rest.length() == 11)
                    ? Optional.of("+" + rest) : Optional.empty();
        }
        if (digits.startsWith("00")) {
            return toE164("+" + digits.substring(2));
        }
        if (!digits.matches("\\d+")) {
            return Optional.empty();
        }
        if (digits.length() == 10 && digits.startsWith("0") && digits.charAt(1) != '0') {
            String overseas = OVERSEAS.get(digits.substring(0, 4));
            return Optional.of(overseas != null ? overseas + digits.substring(1) : "+33" + digits.substring(1));
        }
        // PARTNER QUIRK: spreadsheets turn "0612345678" into the number 612345678, losing the leading 0.
        if (digits.length() == 9 && digits.charAt(0) != '0') {
            return toE164("0" + digits);
        }
        return Optional.empty();
    }
}
