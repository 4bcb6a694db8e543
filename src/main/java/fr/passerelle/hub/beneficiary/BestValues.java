package fr.passerelle.hub.beneficiary;

import fr.passerelle.hub.canonical.Address;
import fr.passerelle.hub.canonical.Consent;
import fr.passerelle.hub.canonical.Contact;
import fr.passerelle.hub.canonical.Identity;
import fr.passerelle.hub.canonical.NameFolding;
import fr.passerelle.hub.canonical.Sex;
import fr.passerelle.hub.canonical.Situation;

import fr.passerelle.hub.canonical.CanonicalReferral;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The shared record's current values, chosen from every referral linked to the person, none of which is ever
 * overwritten. Display quality first for names (France Travail writes upper case without accents), the most
 * frequent birth date, the 15-digit NIR over the 13-digit one, the most recent contact and address; for consent,
 * refusal wins ({@link #consent}).
 * Fields where partners disagree are listed with each value's provenance.
 */
final class BestValues {

    private BestValues() {
    }

    public record Projection(Identity identity, Contact contact, Address address, Situation situation, Consent consent,
                             String project, Map<String, List<SourcedValue>> conflicts) {
    }

    /** One value of a field as one partner gave it. */
    public record SourcedValue(String value, String partnerId, java.util.UUID referralId, java.time.Instant receivedAt) {
    }

    public static Projection of(List<SourcedReferral> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a beneficiary has at least one referral");
        }
        List<SourcedReferral> recentFirst = sources.stream()
                .sorted(Comparator.comparing(SourcedReferral::receivedAt).reversed()).toList();
        String birthName = bestName(recentFirst, r -> r.identity().birthName());
        String usageName = bestName(recentFirst, r -> r.identity().usageName());
        String firstNames = recentFirst.stream().map(s -> s.content().identity().firstNames()).filter(Objects::nonNull)
                .max(Comparator.comparingInt(BestValues::displayQuality).thenComparingInt(String::length)).orElse(null);
        LocalDate birthDate = mostFrequent(recentFirst, r -> r.identity().birthDate());
        Sex sex = mostFrequent(recentFirst, r -> r.identity().sex());
        String nir = recentFirst.stream().map(s -> s.content().identity().nir()).filter(Objects::nonNull)
                .max(Comparator.comparingInt(String::length)).orElse(null);
        String email = first(recentFirst, r -> r.contact().email());
        Set<String> phones = new LinkedHashSet<>();
        recentFirst.forEach(s -> phones.addAll(s.content().contact().phones()));
        Address address = recentFirst.stream().map(s -> s.content().address())
                .filter(a -> a != null && a.postalCode() != null)
                .max(Comparator.comparingInt((Address a) -> displayQuality(a.commune()))).orElse(null);
        Address newestAddress = recentFirst.stream().map(s -> s.content().address())
                .filter(a -> a != null && a.postalCode() != null).findFirst().orElse(null);
        if (address != null && newestAddress != null && !address.postalCode().equals(newestAddress.postalCode())) {
            address = newestAddress;
        }
        Situation situation = new Situation(first(recentFirst, r -> r.situation().rsa()),
                first(recentFirst, r -> r.situation().rqth()), first(recentFirst, r -> r.situation().educationLevel()));
        Consent consent = consent(recentFirst);
        return new Projection(new Identity(birthName, usageName, firstNames, birthDate, sex, nir),
                new Contact(email, List.copyOf(phones)), address, situation, consent,
                first(recentFirst, CanonicalReferral::project), conflicts(recentFirst));
    }

    /**
     * SECURITY: where partners disagree, refusal wins. The latest refusal (by the date it was collected, or the
     * date its referral arrived when the partner gave none) stands until a consent given is recorded with a later
     * date and a source; a consent without date or source never lifts a refusal. Without any refusal, the latest
     * consent given.
     */
    static Consent consent(List<SourcedReferral> recentFirst) {
        Consent refusal = null;
        LocalDate refusedOn = null;
        for (SourcedReferral source : recentFirst) {
            Consent stated = source.content().consent();
            if (stated != null && Boolean.FALSE.equals(stated.dataSharing())) {
                LocalDate on = stated.collectedAt() != null ? stated.collectedAt()
                        : LocalDate.ofInstant(source.receivedAt(), java.time.ZoneOffset.UTC);
                if (refusedOn == null || on.isAfter(refusedOn)) {
                    refusal = stated;
                    refusedOn = on;
                }
            }
        }
        LocalDate after = refusedOn;
        Optional<Consent> given = recentFirst.stream().map(s -> s.content().consent())
                .filter(c -> c != null && c.given())
                .filter(c -> after == null || (c.collectedAt() != null && c.collectedAt().isAfter(after)
                        && c.source() != null && !c.source().isBlank()))
                .max(Comparator.comparing((Consent c) -> c.collectedAt() == null ? LocalDate.MIN : c.collectedAt()));
        return given.orElse(refusal);
    }

    /** Names: the best-written form (mixed case, accents) among the most frequent folded spelling. */
    private static String bestName(List<SourcedReferral> sources, Function<CanonicalReferral, String> field) {
        List<String> values = sources.stream().map(s -> field.apply(s.content())).filter(Objects::nonNull).toList();
        if (values.isEmpty()) {
            return null;
        }
        Map<String, Long> byFolded = values.stream()
                .collect(Collectors.groupingBy(NameFolding::fold, LinkedHashMap::new, Collectors.counting()));
        String folded = byFolded.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        return values.stream().filter(v -> folded.equals(NameFolding.fold(v)))
                .max(Comparator.comparingInt(BestValues::displayQuality)).orElseThrow();
    }

    /** 2 for mixed case with accents, 1 for mixed case, 0 for upper case only. */
    static int displayQuality(String value) {
        if (value == null) {
            return -1;
        }
        boolean mixed = !value.equals(value.toUpperCase());
        boolean accents = !value.equals(java.text.Normalizer.normalize(value, java.text.Normalizer.Form.NFD));
        return (mixed ? 1 : 0) + (accents ? 1 : 0);
    }

    private static <T> T mostFrequent(List<SourcedReferral> sources, Function<CanonicalReferral, T> field) {
        Map<T, Long> counts = sources.stream().map(s -> field.apply(s.content())).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()));
        return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
    }

    private static <T> T first(List<SourcedReferral> sources, Function<CanonicalReferral, T> field) {
        return sources.stream().map(s -> field.apply(s.content())).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static Map<String, List<SourcedValue>> conflicts(List<SourcedReferral> sources) {
        Map<String, List<SourcedValue>> conflicts = new LinkedHashMap<>();
        conflict(conflicts, "birthName", sources, r -> r.identity().birthName(), NameFolding::fold);
        conflict(conflicts, "usageName", sources, r -> r.identity().usageName(), NameFolding::fold);
        conflict(conflicts, "firstNames", sources, r -> r.identity().firstNames(), NameFolding::fold);
        conflict(conflicts, "birthDate", sources, r -> Optional.ofNullable(r.identity().birthDate()).map(Object::toString).orElse(null), v -> v);
        conflict(conflicts, "email", sources, r -> r.contact().email(), v -> v);
        conflict(conflicts, "postalCode", sources, r -> r.address() == null ? null : r.address().postalCode(), v -> v);
        return conflicts;
    }

    private static void conflict(Map<String, List<SourcedValue>> conflicts, String name, List<SourcedReferral> sources,
                                 Function<CanonicalReferral, String> field, Function<String, String> comparable) {
        List<SourcedValue> values = new ArrayList<>();
        Set<String> distinct = new LinkedHashSet<>();
        for (SourcedReferral source : sources) {
            String value = field.apply(source.content());
            if (value != null) {
                values.add(new SourcedValue(value, source.partnerId(), source.referralId(), source.receivedAt()));
                distinct.add(comparable.apply(value));
            }
        }
        if (distinct.size() > 1) {
            conflicts.put(name, values);
        }
    }
}
