package fr.passerelle.hub.mapping.normalize;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The French social-security number: 13 digits, or 15 with a key (97 − number mod 97). Corsica writes its
 * department 2A/2B, counted as 19/18 in the key. A NIR is optional: an invalid one is dropped with a warning.
 */
public final class Nir implements Normalizer {

    private static final Pattern SHAPE = Pattern.compile("[12378]\\d{2}(?:0[1-9]|1[0-2]|[2-9]\\d)(?:\\d{2}|2A|2B)\\d{6}(?:\\d{2})?");

    @Override
    public Normalized apply(List<String> raw, Map<String, Object> options) {
        String candidate = raw.get(0).replaceAll("[\\s.\\-]", "").toUpperCase();
        return normalize(candidate)
                .map(Normalized::value)
                .orElseGet(() -> Normalized.dropped("NIR_INVALIDE",
                        candidate.length() == 15 && SHAPE.matcher(candidate).matches()
                                ? "NIR ignoré : la clé de contrôle ne correspond pas"
                                : "NIR ignoré : format invalide (13 ou 15 caractères attendus)"));
    }

    /** The NIR in canonical form (13 or 15 characters) when it is well formed and its key, if any, checks. */
    public static Optional<String> normalize(String candidate) {
        if (candidate == null || !SHAPE.matcher(candidate).matches()) {
            return Optional.empty();
        }
        if (candidate.length() == 13) {
            return Optional.of(candidate);
        }
        String body = candidate.substring(0, 13);
        int key = Integer.parseInt(candidate.substring(13));
        return key == key(body) ? Optional.of(candidate) : Optional.empty();
    }

    public static int key(String body13) {
        String numeric = body13.replace("2A", "19").replace("2B", "18");
        return 97 - new BigInteger(numeric).mod(BigInteger.valueOf(97)).intValue();
    }
}
