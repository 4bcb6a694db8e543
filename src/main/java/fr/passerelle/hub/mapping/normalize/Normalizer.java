package fr.passerelle.hub.mapping.normalize;

import java.util.List;
import java.util.Map;

/** Turns the raw values of one source field into a canonical value. Plain Java, no Camel. */
public interface Normalizer {

    /**
     * @param raw     non-empty raw values (already trimmed, null literals removed)
     * @param options the field's options from the mapping file, validated by {@link #checkOptions}
     */
    Normalized apply(List<String> raw, Map<String, Object> options);

    /** Called when a mapping is loaded; throws with a readable message when the options are unusable. */
    default void checkOptions(Map<String, Object> options) {
    }
}
