package fr.passerelle.hub.identity;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/**
 * Compares two descriptions of a person, field by field, Fellegi–Sunter style: agreement on a rare, stable field
 * adds weight, disagreement subtracts. The weights are set so that what separates real-life look-alikes dominates:
 * a different first name (twins) or a different birth date (homonyms, parent and child at one address) costs more
 * than a shared last name and address earn. A wrong merge mixes two vulnerable people's files; a missed one
 * only costs a review.
 */
final class MatchScorer {

    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    public MatchScore score(PersonVariant a, PersonVariant b) {
        List<MatchScore.Evidence> evidence = new ArrayList<>();
        lastNames(a, b, evidence);
        firstNames(a, b, evidence);
        birthDates(a.birthDate(), b.birthDate(), evidence);
        if (a.sex() != null && b.sex() != null) {
            evidence.add(a.sex() == b.sex() ? new MatchScore.Evidence("sexe", "identique", 0.5)
                    : new MatchScore.Evidence("sexe", "différent", -4));
        }
        place(a, b, evidence);
        if (a.email() != null && b.email() != null) {
            evidence.add(a.email().equals(b.email()) ? new MatchScore.Evidence("courriel", "identique", 3)
                    : new MatchScore.Evidence("courriel", "différent", -0.5));
        }
        if (!a.phones().isEmpty() && !b.phones().isEmpty()) {
            boolean shared = a.phones().stream().anyMatch(b.phones()::contains);
            evidence.add(shared ? new MatchScore.Evidence("téléphone", "un numéro en commun", 2.5)
                    : new MatchScore.Evidence("téléphone", "aucun numéro en commun", -0.5));
        }
        if (a.nir() != null && b.nir() != null) {
            evidence.add(a.nir().equals(b.nir()) ? new MatchScore.Evidence("NIR", "identique", 8)
                    : new MatchScore.Evidence("NIR", "différent", -10));
        }
        if (a.franceTravailId() != null && b.franceTravailId() != null) {
            evidence.add(a.franceTravailId().equals(b.franceTravailId())
                    ? new MatchScore.Evidence("identifiant France Travail", "identique", 5)
                    : new MatchScore.Evidence("identifiant France Travail", "différent", -6));
        }
        double total = evidence.stream().mapToDouble(MatchScore.Evidence::weight).sum();
        return new MatchScore(Math.round(total * 100) / 100.0, evidence);
    }

    private static void lastNames(PersonVariant a, PersonVariant b, List<MatchScore.Evidence> evidence) {
        if (a.lastNames().isEmpty() || b.lastNames().isEmpty()) {
            return;
        }
        double best = 0;
        for (String left : a.lastNames()) {
            for (String right : b.lastNames()) {
                best = Math.max(best, nameSimilarity(left, right));
            }
        }
        if (best == 1) {
            evidence.add(new MatchScore.Evidence("nom", "identique", 4));
        } else if (best >= 0.92) {
            evidence.add(new MatchScore.Evidence("nom", "très proche (faute de frappe ?)", 2.5));
        } else if (best >= 0.85) {
            evidence.add(new MatchScore.Evidence("nom", "proche", 0.5));
        } else {
            evidence.add(new MatchScore.Evidence("nom", "différent", -3));
        }
    }

    private static void firstNames(PersonVariant a, PersonVariant b, List<MatchScore.Evidence> evidence) {
        if (a.firstNames() == null || b.firstNames() == null) {
            return;
        }
        if (a.firstNames().equals(b.firstNames())) {
            evidence.add(new MatchScore.Evidence("prénom", "identique", 4.5));
        } else if (Objects.equals(a.firstToken(), b.firstToken()) || isPrefixWord(a.firstNames(), b.firstNames())) {
            evidence.add(new MatchScore.Evidence("prénom", "prénom composé coupé", 3));
        } else if (!firstNamesDiffer(a, b)) {
            evidence.add(new MatchScore.Evidence("prénom", "très proche (faute de frappe ?)", 2));
        } else {
            evidence.add(new MatchScore.Evidence("prénom", "différent", -8));
        }
    }

    private static void birthDates(LocalDate a, LocalDate b, List<MatchScore.Evidence> evidence) {
        if (a == null || b == null) {
            return;
        }
        if (a.equals(b)) {
            evidence.add(new MatchScore.Evidence("date de naissance", "identique", 5));
        } else if (swapped(a, b)) {
            evidence.add(new MatchScore.Evidence("date de naissance", "jour et mois inversés", 2.5));
        } else if (oneDigitApart(a, b)) {
            evidence.add(new MatchScore.Evidence("date de naissance", "un chiffre diffère", 1));
        } else {
            evidence.add(new MatchScore.Evidence("date de naissance", "différente", -8));
        }
    }

    private static void place(PersonVariant a, PersonVariant b, List<MatchScore.Evidence> evidence) {
        if (a.postalCode() != null && b.postalCode() != null) {
            boolean same = a.postalCode().equals(b.postalCode())
                    && (a.commune() == null || b.commune() == null || a.commune().equals(b.commune()));
            evidence.add(same ? new MatchScore.Evidence("commune", "identique", 1)
                    : new MatchScore.Evidence("commune", "différente", -0.5));
        }
    }

    /**
     * The same partner record key now describes someone else (issue "one person, one record"): the NIRs differ, or
     * the first name and the birth date both differ beyond a typo, a cut compound name or a swapped day and month.
     * A correction of one of them is an update; a change of both is another person.
     */
    static boolean anotherPerson(PersonVariant before, PersonVariant after) {
        if (before.nir() != null && after.nir() != null && !before.nir().equals(after.nir())) {
            return true;
        }
        return firstNamesDiffer(before, after) && birthDatesDiffer(before.birthDate(), after.birthDate());
    }

    private static boolean firstNamesDiffer(PersonVariant a, PersonVariant b) {
        return a.firstNames() != null && b.firstNames() != null && !a.firstNames().equals(b.firstNames())
                && !Objects.equals(a.firstToken(), b.firstToken()) && !isPrefixWord(a.firstNames(), b.firstNames())
                && nameSimilarity(a.firstNames(), b.firstNames()) < 0.9;
    }

    private static boolean birthDatesDiffer(LocalDate a, LocalDate b) {
        return a != null && b != null && !a.equals(b) && !swapped(a, b) && !oneDigitApart(a, b);
    }

    private static boolean swapped(LocalDate a, LocalDate b) {
        return a.getYear() == b.getYear() && a.getDayOfMonth() == b.getMonthValue() && a.getMonthValue() == b.getDayOfMonth();
    }

    static double nameSimilarity(String a, String b) {
        String left = a.replace(" ", "");
        String right = b.replace(" ", "");
        return left.equals(right) ? 1 : JARO_WINKLER.apply(left, right);
    }

    private static boolean isPrefixWord(String a, String b) {
        return b.startsWith(a + " ") || a.startsWith(b + " ");
    }

    private static boolean oneDigitApart(LocalDate a, LocalDate b) {
        String left = a.toString().replace("-", "");
        String right = b.toString().replace("-", "");
        int differences = 0;
        for (int i = 0; i < left.length(); i++) {
            if (left.charAt(i) != right.charAt(i)) {
                differences++;
            }
        }
        return differences == 1;
    }
}
