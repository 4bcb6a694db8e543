package fr.passerelle.hub.mapping;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The targets a mapping may write, by the dotted name used in mapping files. */
enum CanonicalField {
    RECORD_KEY("recordKey"),
    PROGRAMME("programme"),
    BIRTH_NAME("identity.birthName"),
    USAGE_NAME("identity.usageName"),
    FIRST_NAMES("identity.firstNames"),
    BIRTH_DATE("identity.birthDate"),
    SEX("identity.sex"),
    NIR("identity.nir"),
    FRANCE_TRAVAIL_ID("identifiers.franceTravailId"),
    EMAIL("contact.email"),
    PHONES("contact.phones", true),
    ADDRESS_LINE("address.line"),
    POSTAL_CODE("address.postalCode"),
    COMMUNE("address.commune"),
    INSEE_CODE("address.inseeCode"),
    RSA("situation.rsa"),
    RQTH("situation.rqth"),
    EDUCATION_LEVEL("situation.educationLevel"),
    BARRIERS("barriers", true),
    PROJECT("project"),
    PRESCRIBER_FIRST_NAME("prescriber.firstName"),
    PRESCRIBER_LAST_NAME("prescriber.lastName"),
    PRESCRIBER_EMAIL("prescriber.email"),
    PRESCRIBER_PHONE("prescriber.phone"),
    PRESCRIBER_STRUCTURE("prescriber.structure"),
    SOCIAL_WORKER_FIRST_NAME("socialWorker.firstName"),
    SOCIAL_WORKER_LAST_NAME("socialWorker.lastName"),
    SOCIAL_WORKER_EMAIL("socialWorker.email"),
    SOCIAL_WORKER_PHONE("socialWorker.phone"),
    SOCIAL_WORKER_STRUCTURE("socialWorker.structure"),
    COUNSELOR_FIRST_NAME("employmentCounselor.firstName"),
    COUNSELOR_LAST_NAME("employmentCounselor.lastName"),
    COUNSELOR_EMAIL("employmentCounselor.email"),
    COUNSELOR_PHONE("employmentCounselor.phone"),
    COUNSELOR_STRUCTURE("employmentCounselor.structure"),
    COUNSELOR_STRUCTURE_CODE("employmentCounselor.structureCode"),
    CONSENT("consent.dataSharing"),
    CONSENT_DATE("consent.collectedAt"),
    REFERRAL_DATE("referralDate");

    private static final Map<String, CanonicalField> BY_PATH = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(CanonicalField::path, Function.identity()));

    private final String path;
    private final boolean collection;

    CanonicalField(String path) {
        this(path, false);
    }

    CanonicalField(String path, boolean collection) {
        this.path = path;
        this.collection = collection;
    }

    public String path() {
        return path;
    }

    /** Collection targets accumulate the values of every field mapped to them (phones, barrier flags). */
    public boolean collection() {
        return collection;
    }

    public static Optional<CanonicalField> byPath(String path) {
        return Optional.ofNullable(BY_PATH.get(path));
    }
}
