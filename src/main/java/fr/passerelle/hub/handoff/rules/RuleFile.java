package fr.passerelle.hub.handoff.rules;

import fr.passerelle.hub.canonical.Barrier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and checks the rules file ({@code routes/rules/handoffs.yaml}). Strict: an unknown key, trigger,
 * recipient kind, condition or placeholder is an error naming the file and the rule, because a typo in a rule
 * would otherwise silently hand nothing to anyone.
 */
public final class RuleFile {

    static final Set<String> PLACEHOLDERS = Set.of("referralId", "partner", "barrier", "barrierLabel", "outcome",
            "reason", "noShows", "age", "otherPartners", "errors", "kind");
    private static final Set<String> TOP_LEVEL = Set.of("version", "rules");
    private static final Set<String> RULE_KEYS = Set.of("id", "trigger", "when", "consent", "recipients", "reason",
            "withoutConsent", "description");
    private static final Set<String> OUTCOMES = Set.of("BUSINESS_CREATION", "EMPLOYMENT", "TRAINING", "OTHER_PROJECT",
            "NONE");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");

    private RuleFile() {
    }

    public static RuleSet parse(String origin, String yaml) {
        Object loaded;
        try {
            loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new InvalidRulesException(origin, "not valid YAML (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        Map<String, Object> root = map(origin, "the file", loaded);
        unknownKeys(origin, "the file", root, TOP_LEVEL);
        if (!(root.get("version") instanceof Integer version) || version != 1) {
            throw new InvalidRulesException(origin, "'version: 1' is required (the only format this hub reads)");
        }
        if (!(root.get("rules") instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidRulesException(origin, "'rules' must be a non-empty list");
        }
        List<HandoffRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int position = 0;
        for (Object item : list) {
            position++;
            HandoffRule rule = rule(origin, position, map(origin, "rule #" + position, item));
            if (!ids.add(rule.id())) {
                throw new InvalidRulesException(origin, "rule id '" + rule.id() + "' is used twice");
            }
            rules.add(rule);
        }
        return new RuleSet(origin, 1, rules);
    }

    private static HandoffRule rule(String origin, int position, Map<String, Object> node) {
        Object idValue = node.get("id");
        if (!(idValue instanceof String id) || !id.matches("[a-z0-9][a-z0-9-]{1,62}")) {
            throw new InvalidRulesException(origin, "rule #" + position + ": 'id' must be lower-case letters, digits and dashes");
        }
        String where = "rule '" + id + "'";
        unknownKeys(origin, where, node, RULE_KEYS);
        Trigger trigger = enumValue(origin, where, "trigger", node.get("trigger"), Trigger.class);
        Condition when = node.containsKey("when") ? condition(origin, where + " when", node.get("when")) : Condition.ALWAYS;
        Object consentValue = node.getOrDefault("consent", "not-required");
        boolean consentRequired;
        if ("required".equals(consentValue)) {
            consentRequired = true;
        } else if ("not-required".equals(consentValue)) {
            consentRequired = false;
        } else {
            throw new InvalidRulesException(origin, where + ": 'consent' must be 'required' or 'not-required'");
        }
        List<HandoffRule.RecipientEntry> recipients = recipients(origin, where, node.get("recipients"));
        String reason = reason(origin, where, node.get("reason"));
        HandoffRule.Fallback fallback = null;
        if (node.containsKey("withoutConsent")) {
            if (!consentRequired) {
                throw new InvalidRulesException(origin, where + ": 'withoutConsent' only makes sense with 'consent: required'");
            }
            Map<String, Object> fallbackNode = map(origin, where + " withoutConsent", node.get("withoutConsent"));
            unknownKeys(origin, where + " withoutConsent", fallbackNode, Set.of("recipients", "reason"));
            fallback = new HandoffRule.Fallback(recipients(origin, where + " withoutConsent", fallbackNode.get("recipients")),
                    reason(origin, where + " withoutConsent", fallbackNode.get("reason")));
        }
        return new HandoffRule(id, trigger, when, consentRequired, recipients, reason, fallback);
    }

    private static List<HandoffRule.RecipientEntry> recipients(String origin, String where, Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new InvalidRulesException(origin, where + ": 'recipients' must be a non-empty list");
        }
        List<HandoffRule.RecipientEntry> entries = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> entry) {
                Map<String, Object> node = map(origin, where, entry);
                unknownKeys(origin, where + " recipients", node, Set.of("firstOf"));
                if (!(node.get("firstOf") instanceof List<?> choices) || choices.isEmpty()) {
                    throw new InvalidRulesException(origin, where + ": 'firstOf' must be a non-empty list");
                }
                List<HandoffRule.Choice> parsed = new ArrayList<>();
                for (Object choice : choices) {
                    parsed.add(choice(origin, where, choice));
                }
                entries.add(new HandoffRule.RecipientEntry(parsed));
            } else {
                entries.add(new HandoffRule.RecipientEntry(List.of(choice(origin, where, item))));
            }
        }
        return entries;
    }

    private static HandoffRule.Choice choice(String origin, String where, Object value) {
        if (value instanceof Map<?, ?> raw) {
            Map<String, Object> node = map(origin, where, raw);
            unknownKeys(origin, where + " choice", node, Set.of("who", "if"));
            RecipientKind who = enumValue(origin, where, "who", node.get("who"), RecipientKind.class);
            Condition onlyIf = node.containsKey("if") ? condition(origin, where + " if", node.get("if")) : Condition.ALWAYS;
            return new HandoffRule.Choice(who, onlyIf);
        }
        return new HandoffRule.Choice(enumValue(origin, where, "recipient", value, RecipientKind.class), Condition.ALWAYS);
    }

    private static Condition condition(String origin, String where, Object value) {
        Map<String, Object> node = map(origin, where, value);
        unknownKeys(origin, where, node, Condition.KEYS);
        Set<Barrier> barriers = null;
        if (node.containsKey("barrier")) {
            barriers = EnumSet.noneOf(Barrier.class);
            for (String code : strings(origin, where, "barrier", node.get("barrier"))) {
                barriers.add(enumValue(origin, where, "barrier", code, Barrier.class));
            }
        }
        Set<String> outcomes = null;
        if (node.containsKey("outcome")) {
            outcomes = new LinkedHashSet<>(strings(origin, where, "outcome", node.get("outcome")));
            for (String outcome : outcomes) {
                if (!OUTCOMES.contains(outcome)) {
                    throw new InvalidRulesException(origin, where + ": outcome '" + outcome + "' is not one of " + OUTCOMES);
                }
            }
        }
        return new Condition(barriers, outcomes, integer(origin, where, node, "noShowCount"),
                bool(origin, where, node, "firstTime"), integer(origin, where, node, "ageUnder"),
                integer(origin, where, node, "ageAtLeast"), bool(origin, where, node, "registeredWithFranceTravail"),
                bool(origin, where, node, "plieParticipant"), bool(origin, where, node, "consent"));
    }

    private static String reason(String origin, String where, Object value) {
        if (!(value instanceof String reason) || reason.isBlank()) {
            throw new InvalidRulesException(origin, where + ": 'reason' (the text the recipient reads) is required");
        }
        Matcher matcher = PLACEHOLDER.matcher(reason);
        while (matcher.find()) {
            if (!PLACEHOLDERS.contains(matcher.group(1))) {
                throw new InvalidRulesException(origin, where + ": unknown placeholder {" + matcher.group(1)
                        + "} in reason (known: " + PLACEHOLDERS + ")");
            }
        }
        return reason.trim();
    }

    private static List<String> strings(String origin, String where, String key, Object value) {
        if (value instanceof String single) {
            return List.of(single);
        }
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(String.class::isInstance)) {
            return list.stream().map(String.class::cast).toList();
        }
        throw new InvalidRulesException(origin, where + ": '" + key + "' must be a value or a list of values");
    }

    private static Integer integer(String origin, String where, Map<String, Object> node, String key) {
        Object value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer number) || number < 0) {
            throw new InvalidRulesException(origin, where + ": '" + key + "' must be a whole number");
        }
        return number;
    }

    private static Boolean bool(String origin, String where, Map<String, Object> node, String key) {
        Object value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Boolean flag)) {
            throw new InvalidRulesException(origin, where + ": '" + key + "' must be true or false");
        }
        return flag;
    }

    private static <E extends Enum<E>> E enumValue(String origin, String where, String key, Object value, Class<E> type) {
        if (!(value instanceof String text)) {
            throw new InvalidRulesException(origin, where + ": '" + key + "' is required");
        }
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRulesException(origin, where + ": " + key + " '" + text + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(String origin, String where, Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidRulesException(origin, where + " must be a mapping of keys to values");
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                throw new InvalidRulesException(origin, where + ": key " + key + " is not text");
            }
        }
        return (Map<String, Object>) map;
    }

    private static void unknownKeys(String origin, String where, Map<String, Object> node, Set<String> allowed) {
        for (String key : node.keySet()) {
            if (!allowed.contains(key)) {
                throw new InvalidRulesException(origin, where + ": unknown key '" + key + "' (allowed: "
                        + allowed.stream().sorted().toList() + ")");
            }
        }
    }
}
