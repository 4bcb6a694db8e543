package fr.passerelle.hub.canonical;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The matching form of a name: no accents, upper case, apostrophes and hyphens as spaces, one space between
 * words. "D'Almeida" and "D ALMEIDA" fold alike; "Jean-Baptiste" folds to "JEAN BAPTISTE".
 */
public final class NameFolding {

    private NameFolding() {
    }

    public static String fold(String name) {
        if (name == null) {
            return null;
        }
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replace("Œ", "OE").replace("œ", "oe").replace("Æ", "AE").replace("æ", "ae").replace("ß", "ss");
        String folded = decomposed.toUpperCase(Locale.ROOT)
                .replaceAll("[^A-Z0-9]+", " ")
                .trim();
        return folded.isEmpty() ? null : folded;
    }
}
