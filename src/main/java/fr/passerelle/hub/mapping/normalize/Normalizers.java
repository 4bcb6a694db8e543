package fr.passerelle.hub.mapping.normalize;

import fr.passerelle.hub.canonical.Barrier;
import fr.passerelle.hub.canonical.Sex;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The normalizers a mapping file may name. */
public final class Normalizers {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[a-z]{2,}");
    private static final Pattern FRANCE_TRAVAIL_ID = Pattern.compile("\\d{7}[0-9A-Z]|\\d{11}");
    private static final Pattern POSTAL_CODE_AND_COMMUNE = Pattern.compile("^\\s*(\\d{5}|2[AB]\\d{3})\\s*[-,]?\\s*(.*)$");

    private static final Map<String, Normalizer> BY_NAME = Map.ofEntries(
            Map.entry("text", (raw, options) -> Normalized.value(clean(String.join(", ", raw)))),
            Map.entry("name", (raw, options) -> Normalized.value(clean(raw.get(0)))),
            Map.entry("code", (raw, options) -> Normalized.value(clean(raw.get(0)).toUpperCase(Locale.ROOT))),
            Map.entry("email", Normalizers::email),
            Map.entry("phones", new Phones()),
            Map.entry("nir", new Nir()),
            Map.entry("date", new Dates()),
            Map.entry("franceTravailId", Normalizers::franceTravailId),
            Map.entry("boolean", Normalizers::bool),
            Map.entry("sex", Normalizers::sex),
            Map.entry("barrierCodes", Normalizers::barrierCodes),
            Map.entry("barrierLabels", new BarrierLabels()),
            Map.entry("barrierFlag", new BarrierFlag()),
            Map.entry("barrierTable", new BarrierTable()),
            Map.entry("postalCode", Normalizers::postalCode),
            Map.entry("postalCodeOf", (raw, options) -> splitPostal(raw.get(0), 1)),
            Map.entry("communeOf", (raw, options) -> splitPostal(raw.get(0), 2)),
            Map.entry("firstNameOf", (raw, options) -> fullName(raw.get(0), true)),
            Map.entry("lastNameOf", (raw, options) -> fullName(raw.get(0), false)));

    private Normalizers() {
    }

    public static Optional<Normalizer> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static Set<String> names() {
        return BY_NAME.keySet();
    }

    static String clean(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    static Barrier barrier(String code) {
        try {
            return Barrier.valueOf(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown barrier code '" + code + "'");
        }
    }

    private static Normalized email(List<String> raw, Map<String, Object> options) {
        String email = raw.get(0).strip().toLowerCase(Locale.ROOT);
        return EMAIL.matcher(email).matches() ? Normalized.value(email)
                : Normalized.dropped("COURRIEL_INVALIDE", "adresse électronique invalide, ignorée");
    }

    private static Normalized franceTravailId(List<String> raw, Map<String, Object> options) {
        String id = raw.get(0).replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        return FRANCE_TRAVAIL_ID.matcher(id).matches() ? Normalized.value(id)
                : Normalized.dropped("IDENTIFIANT_FT_INVALIDE",
                        "identifiant France Travail ignoré : format invalide (7 chiffres et un chiffre ou une lettre, ou 11 chiffres)");
    }

    static Optional<Boolean> parseBoolean(String text) {
        return switch (text.strip().toUpperCase(Locale.ROOT)) {
            case "OUI", "O", "TRUE", "VRAI", "1", "Y", "YES" -> Optional.of(true);
            case "NON", "N", "FALSE", "FAUX", "0", "NO" -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    private static Normalized bool(List<String> raw, Map<String, Object> options) {
        return parseBoolean(raw.get(0)).map(Normalized::value)
                .orElseGet(() -> Normalized.dropped("BOOLEEN_ILLISIBLE",
                        "valeur « " + raw.get(0) + " » illisible (Oui/Non attendu), ignorée"));
    }

    private static Normalized sex(List<String> raw, Map<String, Object> options) {
        return switch (raw.get(0).strip().toUpperCase(Locale.ROOT).replace(".", "")) {
            case "F", "FEMME", "MME", "MADAME", "MLLE", "2" -> Normalized.value(Sex.F);
            case "M", "H", "HOMME", "MR", "MONSIEUR", "1" -> Normalized.value(Sex.M);
            default -> Normalized.dropped("SEXE_ILLISIBLE", "sexe ou civilité « " + raw.get(0) + " » illisible, ignoré");
        };
    }

    private static Normalized barrierCodes(List<String> raw, Map<String, Object> options) {
        Set<Barrier> barriers = EnumSet.noneOf(Barrier.class);
        for (String cell : raw) {
            for (String code : cell.split("[,;]")) {
                String trimmed = code.strip().toUpperCase(Locale.ROOT);
                if (trimmed.isEmpty()) {
                    continue;
                }
                try {
                    barriers.add(Barrier.valueOf(trimmed));
                } catch (IllegalArgumentException e) {
                    return Normalized.rejected("FREIN_INCONNU", "code de frein inconnu « " + code.strip()
                            + " » (codes admis : " + String.join(", ", barrierNames()) + ")");
                }
            }
        }
        return barriers.isEmpty() ? Normalized.EMPTY : Normalized.value(barriers);
    }

    static List<String> barrierNames() {
        return EnumSet.allOf(Barrier.class).stream().map(Enum::name).toList();
    }

    private static Normalized postalCode(List<String> raw, Map<String, Object> options) {
        String code = raw.get(0).replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        // PARTNER QUIRK: spreadsheets drop the leading 0 of postal codes such as 01000.
        if (code.matches("\\d{4}")) {
            code = "0" + code;
        }
        return code.matches("\\d{5}|2[AB]\\d{3}") ? Normalized.value(code)
                : Normalized.dropped("CODE_POSTAL_INVALIDE", "code postal « " + raw.get(0) + " » invalide, ignoré");
    }

    private static Normalized splitPostal(String text, int group) {
        Matcher matcher = POSTAL_CODE_AND_COMMUNE.matcher(text);
        if (!matcher.matches()) {
            return group == 2 ? Normalized.value(clean(text))
                    : Normalized.dropped("CODE_POSTAL_INVALIDE", "code postal introuvable dans « " + text + " »");
        }
        String part = clean(matcher.group(group));
        return part.isEmpty() ? Normalized.EMPTY : Normalized.value(part);
    }

    /** "Sophie Marchand" → first name "Sophie", last name "Marchand"; "Jean-Marc De La Tour" keeps "De La Tour". */
    private static Normalized fullName(String text, boolean first) {
        String[] words = clean(text).split(" ", 2);
        if (first) {
            return Normalized.value(words[0]);
        }
        return words.length < 2 ? Normalized.EMPTY : Normalized.value(words[1]);
    }

    /** {@code dif_*} columns: a flag O/N that stands for one barrier ({@code barrier} option). */
    private static final class BarrierFlag implements Normalizer {
        @Override
        public void checkOptions(Map<String, Object> options) {
            if (options.get("barrier") == null) {
                throw new IllegalArgumentException("option 'barrier' (a barrier code) is required");
            }
            barrier(String.valueOf(options.get("barrier")));
        }

        @Override
        public Normalized apply(List<String> raw, Map<String, Object> options) {
            Optional<Boolean> flag = parseBoolean(raw.get(0));
            if (flag.isEmpty()) {
                return Normalized.rejected("INDICATEUR_ILLISIBLE", "indicateur « " + raw.get(0) + " » illisible (O/N attendu)");
            }
            return flag.get() ? Normalized.value(EnumSet.of(barrier(String.valueOf(options.get("barrier")))))
                    : Normalized.EMPTY;
        }
    }

    /** Partner barrier codes to canonical ones through a table ({@code codes} option), e.g. FT contraintes 23–29. */
    private static final class BarrierTable implements Normalizer {
        @Override
        public void checkOptions(Map<String, Object> options) {
            if (!(options.get("codes") instanceof Map<?, ?> codes) || codes.isEmpty()) {
                throw new IllegalArgumentException("option 'codes' (partner code: barrier code) is required");
            }
            codes.values().forEach(code -> barrier(String.valueOf(code)));
        }

        @Override
        public Normalized apply(List<String> raw, Map<String, Object> options) {
            Map<?, ?> codes = (Map<?, ?>) options.get("codes");
            Set<Barrier> barriers = EnumSet.noneOf(Barrier.class);
            for (String code : raw) {
                Object canonical = codes.get(code.strip());
                if (canonical == null) {
                    return Normalized.rejected("FREIN_INCONNU", "code de frein inconnu « " + code.strip() + " »");
                }
                barriers.add(barrier(String.valueOf(canonical)));
            }
            return barriers.isEmpty() ? Normalized.EMPTY : Normalized.value(barriers);
        }
    }
}
