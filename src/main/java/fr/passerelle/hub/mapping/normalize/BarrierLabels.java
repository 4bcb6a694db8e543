package fr.passerelle.hub.mapping.normalize;

import fr.passerelle.hub.canonical.Barrier;
import fr.passerelle.hub.canonical.NameFolding;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * French barrier labels, several per cell. PARTNER QUIRK: the list separator is a comma and one label
 * ("Lecture, écriture, calcul") contains commas, so the cell is read label by label, longest first, instead of
 * being split.
 */
final class BarrierLabels implements Normalizer {

    @Override
    public void checkOptions(Map<String, Object> options) {
        labels(options);
    }

    @Override
    public Normalized apply(List<String> raw, Map<String, Object> options) {
        Map<String, Barrier> labels = labels(options);
        List<String> foldedLabels = labels.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
        Set<Barrier> barriers = EnumSet.noneOf(Barrier.class);
        for (String cell : raw) {
            String rest = NameFolding.fold(cell);
            while (rest != null && !rest.isEmpty()) {
                String current = rest;
                String label = foldedLabels.stream()
                        .filter(candidate -> current.equals(candidate) || current.startsWith(candidate + " "))
                        .findFirst().orElse(null);
                if (label == null) {
                    return Normalized.rejected("FREIN_INCONNU", "frein inconnu « " + cell + " »");
                }
                barriers.add(labels.get(label));
                rest = current.substring(label.length()).trim();
            }
        }
        return barriers.isEmpty() ? Normalized.EMPTY : Normalized.value(barriers);
    }

    private static Map<String, Barrier> labels(Map<String, Object> options) {
        Map<String, Barrier> labels = new LinkedHashMap<>();
        for (Barrier barrier : Barrier.values()) {
            labels.put(NameFolding.fold(barrier.label()), barrier);
        }
        if (options.get("labels") instanceof Map<?, ?> declared) {
            declared.forEach((label, code) -> labels.put(NameFolding.fold(String.valueOf(label)),
                    Normalizers.barrier(String.valueOf(code))));
        }
        return labels;
    }
}
