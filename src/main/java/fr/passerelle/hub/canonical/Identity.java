package fr.passerelle.hub.canonical;

import java.time.LocalDate;

/** Who the person is. Display forms keep accents; {@link NameFolding} gives the matching forms. */
public record Identity(String birthName, String usageName, String firstNames, LocalDate birthDate, Sex sex,
                       String nir) {

    public String foldedBirthName() {
        return NameFolding.fold(birthName);
    }

    public String foldedUsageName() {
        return NameFolding.fold(usageName);
    }

    public String foldedFirstNames() {
        return NameFolding.fold(firstNames);
    }

    /**
     * Whether the NIR agrees with the declared sex and birth date: its first digit is 1 for a man and 2 for a woman,
     * the next four the year (two digits) and month of birth. Parts the NIR leaves unknown (month 20 and above, a
     * temporary number's sex digit) and facts the partner did not give agree with anything. A NIR that contradicts
     * them belongs to someone else or is mistyped: it is kept, but never used to recognise the person.
     */
    public boolean nirAgrees() {
        if (nir == null || nir.length() < 5) {
            return true;
        }
        char sexDigit = nir.charAt(0);
        if (sex != null && (sexDigit == '1' || sexDigit == '2') && (sexDigit == '1') != (sex == Sex.M)) {
            return false;
        }
        if (birthDate == null) {
            return true;
        }
        int year = Integer.parseInt(nir.substring(1, 3));
        int month = Integer.parseInt(nir.substring(3, 5));
        return year == birthDate.getYear() % 100 && (month > 12 || month == birthDate.getMonthValue());
    }

    public Identity withoutNir() {
        return withNir(null);
    }

    /** The NIR is stored sealed, apart from the rest: this puts it back. */
    public Identity withNir(String other) {
        return new Identity(birthName, usageName, firstNames, birthDate, sex, other);
    }
}
