package fr.passerelle.hub.testsupport;

import java.time.LocalDate;

/** One partner's (noisy) description of a person, before it is written in the partner's dialect. */
public record SyntheticReferral(String partnerId, String recordKey, String personId, String birthName,
                                String usageName, String firstNames, LocalDate birthDate, char sex, String nir,
                                String franceTravailId, String phone, String email, String street, String postalCode,
                                String commune) {
}
