package fr.passerelle.hub.identity;

import fr.passerelle.hub.canonical.NameFolding;
import fr.passerelle.hub.canonical.Sex;
import fr.passerelle.hub.canonical.CanonicalReferral;
import fr.passerelle.hub.canonical.Identity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One way a partner described a person, reduced to what matching compares: folded names, birth date, sex, place,
 * contact, identifiers. A beneficiary has one variant per linked referral.
 */
record PersonVariant(String birthName, String usageName, String firstNames, LocalDate birthDate, Sex sex,
                            String postalCode, String commune, String email, List<String> phones, String nir,
                            String franceTravailId) {

    public PersonVariant {
        phones = phones == null ? List.of() : List.copyOf(phones);
    }

    public static PersonVariant of(CanonicalReferral referral) {
        var identity = referral.identity();
        var address = referral.address();
        return new PersonVariant(NameFolding.fold(identity.birthName()), NameFolding.fold(identity.usageName()),
                NameFolding.fold(identity.firstNames()), identity.birthDate(), identity.sex(),
                address == null ? null : address.postalCode(),
                address == null ? null : NameFolding.fold(address.commune()),
                referral.contact().email() == null ? null : referral.contact().email().toLowerCase(Locale.ROOT),
                referral.contact().phones(), usableNir(identity),
                referral.franceTravailId());
    }

    /** The NIR's 13 digits, when it agrees with the sex and birth date declared beside it; else none for matching. */
    private static String usableNir(Identity identity) {
        return identity.nir() == null || !identity.nirAgrees() ? null : identity.nir().substring(0, 13);
    }

    /** Every last name the person is known by (birth and usage), folded. */
    public List<String> lastNames() {
        List<String> names = new ArrayList<>(2);
        if (birthName != null) {
            names.add(birthName);
        }
        if (usageName != null && !usageName.equals(birthName)) {
            names.add(usageName);
        }
        return names;
    }

    /** "JEAN BAPTISTE" → "JEAN": partners often cut compound first names at the hyphen. */
    public String firstToken() {
        if (firstNames == null) {
            return null;
        }
        int space = firstNames.indexOf(' ');
        return space < 0 ? firstNames : firstNames.substring(0, space);
    }

    /** The birth date with day and month swapped, when that is a date different from the original. */
    public LocalDate swappedBirthDate() {
        if (birthDate == null || birthDate.getDayOfMonth() > 12 || birthDate.getDayOfMonth() == birthDate.getMonthValue()) {
            return null;
        }
        return LocalDate.of(birthDate.getYear(), birthDate.getDayOfMonth(), birthDate.getMonthValue());
    }
}
