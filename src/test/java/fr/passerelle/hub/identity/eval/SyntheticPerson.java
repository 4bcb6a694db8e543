package fr.passerelle.hub.identity.eval;

import java.time.LocalDate;

/** A generated person: the truth the referrals are noisy copies of. */
record SyntheticPerson(String id, String birthName, String usageName, String firstNames, LocalDate birthDate,
                       char sex, String nir, String franceTravailId, String phone, String email, String street,
                       String postalCode, String commune, String trap) {
}
