package fr.passerelle.hub.directory;

import java.util.List;

/**
 * Where a person lives, as far as the directory can tell from their address: the commune, or the communes it may be
 * when the address is not enough to tell them apart (a postal code shared by several communes, an unknown name).
 *
 * @param candidates the communes the person may live in; one when the commune is known, none when nothing is
 * @param basis      how the commune was found
 */
public record Whereabouts(String postalCode, List<Commune> candidates, Basis basis) {

    public enum Basis {
        /** The address carried the INSEE code. */
        INSEE_CODE,
        /** The postal code and the commune's name designate one commune. */
        POSTAL_CODE_AND_NAME,
        /** The postal code alone: its only commune, or several communes sharing it. */
        POSTAL_CODE,
        /** Neither code is in the commune table. */
        UNKNOWN
    }

    public Whereabouts {
        candidates = List.copyOf(candidates);
    }

    /** The commune, when the address designates exactly one. */
    public Commune commune() {
        return candidates.size() == 1 ? candidates.get(0) : null;
    }

    /** French, for explanations: "la commune Grigny (INSEE 91286)", "le code postal 91220 (Brétigny-sur-Orge…)". */
    public String describe() {
        String names = String.join(", ", candidates.stream()
                .map(commune -> commune.name() + " (INSEE " + commune.inseeCode() + ")").toList());
        return switch (basis) {
            case INSEE_CODE, POSTAL_CODE_AND_NAME -> "la commune " + names;
            case POSTAL_CODE -> "le code postal " + postalCode + (names.isEmpty() ? "" : " : " + names);
            case UNKNOWN -> "le code postal " + postalCode + " (commune inconnue de la table des communes)";
        };
    }
}
