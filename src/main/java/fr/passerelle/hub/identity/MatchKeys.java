package fr.passerelle.hub.identity;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Blocking keys: cheap equality keys under which a person is stored and looked up, so that candidates come from
 * an index probe instead of a scan. Each key tolerates some noise the others do not (a typo in the last name, in
 * the first name, a swapped day and month, a cut compound first name), so a true pair usually shares at least one.
 */
final class MatchKeys {

    private MatchKeys() {
    }

    /** The keys a beneficiary is stored under, for one of its variants. */
    public static Set<String> stored(PersonVariant person) {
        Set<String> keys = new LinkedHashSet<>();
        if (person.email() != null) {
            keys.add("EM:" + person.email());
        }
        person.phones().forEach(phone -> keys.add("PH:" + phone));
        addDateKeys(keys, person, person.birthDate());
        return keys;
    }

    /** The keys to look a new referral up by: its own, plus those of its birth date with day and month swapped. */
    public static Set<String> lookup(PersonVariant person) {
        Set<String> keys = stored(person);
        LocalDate swapped = person.swappedBirthDate();
        if (swapped != null) {
            addDateKeys(keys, person, swapped);
        }
        return keys;
    }

    private static void addDateKeys(Set<String> keys, PersonVariant person, LocalDate birthDate) {
        if (birthDate == null) {
            return;
        }
        String firstToken = person.firstToken();
        for (String lastName : person.lastNames()) {
            String compact = lastName.replace(" ", "");
            keys.add("BD:" + birthDate + "|LN:" + compact.substring(0, Math.min(4, compact.length())));
            if (firstToken != null) {
                keys.add("BY:" + birthDate.getYear() + "|LN:" + compact + "|FN:" + firstToken);
            }
        }
        if (firstToken != null) {
            keys.add("BD:" + birthDate + "|FN:" + firstToken);
        }
    }
}
