package fr.passerelle.hub.mapping;

import fr.passerelle.hub.canonical.FieldIssue;

import fr.passerelle.hub.canonical.Address;
import fr.passerelle.hub.canonical.Barrier;
import fr.passerelle.hub.canonical.Consent;
import fr.passerelle.hub.canonical.Contact;
import fr.passerelle.hub.canonical.Identity;
import fr.passerelle.hub.canonical.ReferentContact;
import fr.passerelle.hub.canonical.Sex;
import fr.passerelle.hub.canonical.Situation;
import fr.passerelle.hub.mapping.normalize.Normalized;
import fr.passerelle.hub.mapping.normalize.Normalizers;
import fr.passerelle.hub.canonical.CanonicalReferral;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Applies a mapping to one source record and checks the rules every referral must meet (SPEC §3). */
public final class RecordMapper {

    /** Field option: join the values of all the field's sources with this separator instead of taking the first. */
    static final String JOIN = "join";

    private final Clock clock;

    public RecordMapper(Clock clock) {
        this.clock = clock;
    }

    public MappedRecord map(MappingDefinition mapping, SourceRecord record) {
        Optional<FieldIssue> structuralError = record.structuralError();
        if (structuralError.isPresent()) {
            return new MappedRecord(record.position(), recordKeyOf(mapping, record), null,
                    List.of(structuralError.get()), List.of());
        }
        Map<CanonicalField, Object> values = new EnumMap<>(CanonicalField.class);
        List<FieldIssue> errors = new ArrayList<>();
        List<FieldIssue> warnings = new ArrayList<>();
        for (FieldMapping field : mapping.fields()) {
            String source = field.sourceName();
            List<String> raw = rawValues(mapping, field, record);
            if (raw.isEmpty()) {
                if (field.required()) {
                    errors.add(new FieldIssue(source, "CHAMP_OBLIGATOIRE", "champ obligatoire absent ou vide"));
                }
                continue;
            }
            Normalized normalized = Normalizers.byName(field.normalizer()).orElseThrow().apply(raw, field.options());
            if (normalized instanceof Normalized.Value value) {
                store(values, field.target(), value.value());
                value.dropped().forEach(problem -> warnings.add(new FieldIssue(source, problem.code(), problem.message())));
            } else if (normalized instanceof Normalized.Rejected rejected) {
                errors.add(new FieldIssue(source, rejected.problem().code(), rejected.problem().message()));
            } else if (normalized instanceof Normalized.Dropped dropped) {
                warnings.add(new FieldIssue(source, dropped.problem().code(), dropped.problem().message()));
            } else if (field.required()) {
                errors.add(new FieldIssue(source, "CHAMP_OBLIGATOIRE", "champ obligatoire absent ou vide"));
            }
        }
        CanonicalReferral referral = assemble(mapping, values);
        checkRules(mapping, referral, values, errors);
        if (!referral.identity().nirAgrees()) {
            warnings.add(new FieldIssue(sourceOf(mapping, CanonicalField.NIR), "NIR_INCOHERENT",
                    "NIR conservé mais non utilisé pour reconnaître la personne : il contredit le sexe ou la date de naissance"));
        }
        String recordKey = (String) values.get(CanonicalField.RECORD_KEY);
        return new MappedRecord(record.position(), recordKey, errors.isEmpty() ? referral : null, errors, warnings);
    }

    /** The record key as far as it can be read from a record whose shape is broken, for the journal only. */
    private static String recordKeyOf(MappingDefinition mapping, SourceRecord record) {
        return mapping.fields().stream().filter(field -> field.target() == CanonicalField.RECORD_KEY)
                .map(field -> rawValues(mapping, field, record)).filter(raw -> !raw.isEmpty())
                .map(raw -> raw.get(0)).findFirst().orElse(null);
    }

    /**
     * The first source with a value wins, unless the field declares the option {@code join} (a separator): then
     * the values of every source are joined into one, e.g. a street number and a street name.
     */
    private static List<String> rawValues(MappingDefinition mapping, FieldMapping field, SourceRecord record) {
        if (field.options().get(JOIN) != null) {
            List<String> parts = new ArrayList<>();
            for (String source : field.sources()) {
                parts.addAll(present(mapping, record.values(source)));
            }
            return parts.isEmpty() ? List.of() : List.of(String.join(String.valueOf(field.options().get(JOIN)), parts));
        }
        for (String source : field.sources()) {
            List<String> values = present(mapping, record.values(source));
            if (!values.isEmpty()) {
                return values;
            }
        }
        return List.of();
    }

    private static List<String> present(MappingDefinition mapping, List<String> raw) {
        return raw.stream()
                .filter(value -> value != null && !value.isBlank())
                .map(String::strip)
                .filter(value -> !mapping.nullValues().contains(value))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static void store(Map<CanonicalField, Object> values, CanonicalField target, Object value) {
        if (!target.collection()) {
            values.putIfAbsent(target, value);
            return;
        }
        Collection<Object> merged = (Collection<Object>) values.computeIfAbsent(target, key -> new LinkedHashSet<>());
        if (value instanceof Collection<?> collection) {
            merged.addAll(collection);
        } else {
            merged.add(value);
        }
    }

    @SuppressWarnings("unchecked")
    private static CanonicalReferral assemble(MappingDefinition mapping, Map<CanonicalField, Object> v) {
        Identity identity = new Identity(text(v, CanonicalField.BIRTH_NAME), text(v, CanonicalField.USAGE_NAME),
                text(v, CanonicalField.FIRST_NAMES), (LocalDate) v.get(CanonicalField.BIRTH_DATE),
                (Sex) v.get(CanonicalField.SEX), text(v, CanonicalField.NIR));
        Collection<String> phones = (Collection<String>) v.getOrDefault(CanonicalField.PHONES, List.of());
        Collection<Barrier> barriers = (Collection<Barrier>) v.getOrDefault(CanonicalField.BARRIERS, Set.of());
        return new CanonicalReferral(
                text(v, CanonicalField.RECORD_KEY),
                text(v, CanonicalField.PROGRAMME),
                identity,
                text(v, CanonicalField.FRANCE_TRAVAIL_ID),
                new Contact(text(v, CanonicalField.EMAIL), List.copyOf(phones)),
                new Address(text(v, CanonicalField.ADDRESS_LINE), text(v, CanonicalField.POSTAL_CODE),
                        text(v, CanonicalField.COMMUNE), text(v, CanonicalField.INSEE_CODE)),
                new Situation((Boolean) v.get(CanonicalField.RSA), (Boolean) v.get(CanonicalField.RQTH),
                        text(v, CanonicalField.EDUCATION_LEVEL)),
                barriers.isEmpty() ? Set.of() : EnumSet.copyOf(barriers),
                text(v, CanonicalField.PROJECT),
                referent(v, CanonicalField.PRESCRIBER_FIRST_NAME, CanonicalField.PRESCRIBER_LAST_NAME,
                        CanonicalField.PRESCRIBER_EMAIL, CanonicalField.PRESCRIBER_PHONE,
                        CanonicalField.PRESCRIBER_STRUCTURE, null),
                referent(v, CanonicalField.SOCIAL_WORKER_FIRST_NAME, CanonicalField.SOCIAL_WORKER_LAST_NAME,
                        CanonicalField.SOCIAL_WORKER_EMAIL, CanonicalField.SOCIAL_WORKER_PHONE,
                        CanonicalField.SOCIAL_WORKER_STRUCTURE, null),
                referent(v, CanonicalField.COUNSELOR_FIRST_NAME, CanonicalField.COUNSELOR_LAST_NAME,
                        CanonicalField.COUNSELOR_EMAIL, CanonicalField.COUNSELOR_PHONE,
                        CanonicalField.COUNSELOR_STRUCTURE, CanonicalField.COUNSELOR_STRUCTURE_CODE),
                v.containsKey(CanonicalField.CONSENT)
                        ? new Consent((Boolean) v.get(CanonicalField.CONSENT),
                        (LocalDate) v.get(CanonicalField.CONSENT_DATE), mapping.partner())
                        : null,
                (LocalDate) v.get(CanonicalField.REFERRAL_DATE));
    }

    private static ReferentContact referent(Map<CanonicalField, Object> v, CanonicalField first, CanonicalField last,
                                            CanonicalField email, CanonicalField phone, CanonicalField structure,
                                            CanonicalField structureCode) {
        @SuppressWarnings("unchecked")
        Collection<String> phones = (Collection<String>) v.get(phone);
        ReferentContact referent = new ReferentContact(text(v, first), text(v, last), text(v, email),
                phones == null || phones.isEmpty() ? null : phones.iterator().next(), text(v, structure),
                structureCode == null ? null : text(v, structureCode));
        return referent.empty() ? null : referent;
    }

    private static String text(Map<CanonicalField, Object> values, CanonicalField field) {
        Object value = values.get(field);
        if (value instanceof Collection<?> collection) {
            return collection.isEmpty() ? null : String.valueOf(collection.iterator().next());
        }
        return value == null ? null : String.valueOf(value);
    }

    /** SPEC §3: a last name (birth or usage), a first name, a birth date and a way to reach the person. */
    private void checkRules(MappingDefinition mapping, CanonicalReferral referral, Map<CanonicalField, Object> values,
                            List<FieldIssue> errors) {
        Set<String> alreadyReported = new LinkedHashSet<>();
        errors.forEach(error -> alreadyReported.add(error.field()));
        Identity identity = referral.identity();
        if (referral.recordKey() == null) {
            require(mapping, CanonicalField.RECORD_KEY, "identifiant de l'orientation absent", alreadyReported, errors);
        }
        if (identity.birthName() == null && identity.usageName() == null) {
            require(mapping, CanonicalField.BIRTH_NAME, "nom de naissance ou d'usage obligatoire", alreadyReported, errors);
        }
        if (identity.firstNames() == null) {
            require(mapping, CanonicalField.FIRST_NAMES, "prénom obligatoire", alreadyReported, errors);
        }
        LocalDate birthDate = identity.birthDate();
        if (birthDate == null) {
            require(mapping, CanonicalField.BIRTH_DATE, "date de naissance obligatoire", alreadyReported, errors);
        } else if (birthDate.isAfter(LocalDate.now(clock)) || birthDate.isBefore(LocalDate.of(1900, 1, 1))) {
            errors.add(new FieldIssue(sourceOf(mapping, CanonicalField.BIRTH_DATE), "DATE_IMPLAUSIBLE",
                    "date de naissance impossible (" + birthDate + ")"));
        }
        if (!referral.reachable()) {
            errors.add(new FieldIssue(sourceOf(mapping, CanonicalField.PHONES), "AUCUN_CONTACT",
                    "aucun moyen de joindre la personne ou son prescripteur (téléphone, courriel ou adresse)"));
        }
    }

    private static void require(MappingDefinition mapping, CanonicalField field, String message,
                                Set<String> alreadyReported, List<FieldIssue> errors) {
        String source = sourceOf(mapping, field);
        if (alreadyReported.add(source)) {
            errors.add(new FieldIssue(source, "CHAMP_OBLIGATOIRE", message));
        }
    }

    private static String sourceOf(MappingDefinition mapping, CanonicalField field) {
        return mapping.fields().stream().filter(f -> f.target() == field).map(FieldMapping::sourceName)
                .findFirst().orElse(field.path());
    }
}
