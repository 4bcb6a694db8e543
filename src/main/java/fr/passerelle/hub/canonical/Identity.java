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

    public Identity withoutNir() {
        return new Identity(birthName, usageName, firstNames, birthDate, sex, null);
    }
}
