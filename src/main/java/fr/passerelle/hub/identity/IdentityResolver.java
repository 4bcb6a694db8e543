package fr.passerelle.hub.identity;

import fr.passerelle.hub.beneficiary.BeneficiaryStore;
import fr.passerelle.hub.canonical.PartnerIdentifier;
import fr.passerelle.hub.beneficiary.RecordKeys;
import fr.passerelle.hub.canonical.ReferentRole;
import fr.passerelle.hub.beneficiary.SourcedReferral;
import fr.passerelle.hub.partner.Partner;
import fr.passerelle.hub.canonical.CanonicalReferral;
import fr.passerelle.hub.referral.ReferralStore;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Finds the beneficiary an accepted referral is about, or creates one (SPEC §3, issue "one person, one record").
 * Deterministic rules first, each with a safeguard against the look-alikes partners really produce (families
 * sharing a phone or an e-mail, a mistyped NIR): the partner's own record key, the NIR, the France Travail id with
 * the birth date, the e-mail or a phone with the first name. Then a scored comparison against candidates found
 * through blocking keys: sure → attached; uncertain, or sure about more than one record → a new record plus a
 * review item; otherwise a new record. Nothing is merged on a guess. A NIR that contradicts the declared sex or birth
 * date is not used, and a France Travail id counts only with the birth date.
 */
@Component
public class IdentityResolver {

    private final BeneficiaryStore beneficiaries;
    private final ReferralStore referrals;
    private final MatchKeyStore matchKeys;
    private final ReviewQueue reviews;
    private final DecisionLocks locks;
    private final BeneficiaryMerger merger;
    private final IdentityProperties properties;
    private final ApplicationEventPublisher events;
    private final MatchScorer scorer = new MatchScorer();

    public IdentityResolver(BeneficiaryStore beneficiaries, ReferralStore referrals, MatchKeyStore matchKeys,
                            ReviewQueue reviews, DecisionLocks locks, BeneficiaryMerger merger,
                            IdentityProperties properties, ApplicationEventPublisher events) {
        this.beneficiaries = beneficiaries;
        this.referrals = referrals;
        this.matchKeys = matchKeys;
        this.reviews = reviews;
        this.locks = locks;
        this.merger = merger;
        this.properties = properties;
        this.events = events;
    }

    /**
     * Must run in the transaction that accepts the referral. The decision first takes the locks of every key it reads
     * or writes ({@link DecisionLocks}), so that it does not depend on which of two referrals of one person arrives
     * first or whether they arrive at the same moment; then, once the referral is attached, any other record its
     * identifiers reveal to be the same person is merged into it.
     */
    public Resolution resolve(Partner partner, CanonicalReferral referral, UUID referralId) {
        PersonVariant incoming = PersonVariant.of(referral);
        List<PartnerIdentifier> identifiers = identifiers(partner, referral);
        locks.lock(decisionKeys(incoming, identifiers));
        Evidence evidence = new Evidence(incoming);
        Optional<Resolution> sure = beneficiaries.findByIdentifier(identifiers.get(0))
                .map(id -> new Resolution(id, "MATCHED", "PARTNER_RECORD_KEY", null))
                .or(() -> deterministic(evidence));
        Resolution resolution;
        List<Scored> ranked = List.of();
        boolean created = false;
        if (sure.isPresent()) {
            resolution = sure.get();
        } else {
            ranked = rankedCandidates(incoming);
            Double best = ranked.isEmpty() ? null : ranked.get(0).score().value();
            // SAFEGUARD: two records above the threshold means the hub cannot tell which one; an operator can.
            boolean ambiguous = ranked.size() > 1 && ranked.get(1).score().value() >= properties.autoMergeThreshold();
            if (best != null && best >= properties.autoMergeThreshold() && !ambiguous) {
                resolution = new Resolution(ranked.get(0).beneficiaryId(), "MATCHED", "SCORE", best);
            } else {
                boolean review = best != null && best >= properties.reviewThreshold();
                resolution = new Resolution(beneficiaries.create(referral), review ? "NEW_IN_REVIEW" : "NEW", "NONE", best);
                created = true;
            }
        }
        // A record created by this very decision is active, unmerged and already locked by its insert.
        if (!created) {
            resolution = resolution.on(beneficiaries.lockCurrent(resolution.beneficiaryId()));
        }
        attach(partner, referral, referralId, identifiers, resolution, created);
        if ("NEW_IN_REVIEW".equals(resolution.outcome())) {
            for (Scored candidate : ranked) {
                if (candidate == ranked.get(0) || candidate.score().value() >= properties.autoMergeThreshold()) {
                    reviews.propose(referralId, resolution.beneficiaryId(), candidate.beneficiaryId(), candidate.score());
                }
            }
        }
        mergeRevealed(resolution.beneficiaryId(), evidence);
        return resolution;
    }

    /** Whether a new revision of a partner's record describes someone else than the record it revises (a reused key). */
    public boolean describesAnotherPerson(CanonicalReferral before, CanonicalReferral after) {
        return MatchScorer.anotherPerson(PersonVariant.of(before), PersonVariant.of(after));
    }

    /** Every key the decision reads or writes: blocking keys (with swapped dates), NIR and identifiers. */
    private static Set<String> decisionKeys(PersonVariant incoming, List<PartnerIdentifier> identifiers) {
        Set<String> keys = new LinkedHashSet<>(MatchKeys.lookup(incoming));
        if (incoming.nir() != null) {
            keys.add("NIR:" + incoming.nir());
        }
        identifiers.forEach(identifier -> keys.add("ID:" + identifier.kind() + "|" + identifier.issuer() + "|"
                + identifier.value()));
        return keys;
    }

    /**
     * Evidence that arrives later: the referral just attached carries a NIR or a France Travail id that another
     * record already holds, with the agreement the deterministic rules ask for at arrival. Arriving in another
     * order, the referral would have joined them; the records are merged (an operator can undo it), unless an
     * operator already declared them distinct.
     */
    private void mergeRevealed(UUID beneficiaryId, Evidence evidence) {
        PersonVariant incoming = evidence.incoming;
        Set<UUID> revealed = new LinkedHashSet<>();
        if (incoming.nir() != null) {
            evidence.nirHolders().stream()
                    .filter(other -> !other.equals(beneficiaryId) && nirHolderAgrees(other, evidence))
                    .forEach(revealed::add);
        }
        if (incoming.franceTravailId() != null) {
            evidence.franceTravailHolder()
                    .filter(other -> !other.equals(beneficiaryId)
                            && evidence.anyVariant(other, v -> Objects.equals(v.birthDate(), incoming.birthDate())))
                    .ifPresent(revealed::add);
        }
        for (UUID other : revealed) {
            if (!reviews.knownDistinct(beneficiaryId, other)) {
                merger.merge(beneficiaryId, other, "identifiant commun révélé par une orientation", null, "passerelle");
            }
        }
    }

    private void attach(Partner partner, CanonicalReferral referral, UUID referralId, List<PartnerIdentifier> identifiers,
                        Resolution resolution, boolean created) {
        UUID beneficiaryId = resolution.beneficiaryId();
        List<String> partnersBefore = created ? List.of() : List.copyOf(beneficiaries.partnersOf(beneficiaryId));
        referrals.linkBeneficiary(referralId, beneficiaryId);
        beneficiaries.addIdentifiers(beneficiaryId, identifiers, referralId);
        beneficiaries.addBarriers(beneficiaryId, referral, referralId);
        beneficiaries.addReferent(beneficiaryId, ReferentRole.PRESCRIBER, referral.prescriber(), partner.id(), referralId);
        beneficiaries.addReferent(beneficiaryId, ReferentRole.SOCIAL_WORKER, referral.socialWorker(), partner.id(), referralId);
        beneficiaries.addReferent(beneficiaryId, ReferentRole.EMPLOYMENT_COUNSELOR, referral.employmentCounselor(),
                partner.id(), referralId);
        List<SourcedReferral> sources = beneficiaries.rebuild(beneficiaryId);
        if (created) {
            matchKeys.add(beneficiaryId, sources);
        } else {
            matchKeys.replace(beneficiaryId, sources);
        }
        if ("MATCHED".equals(resolution.outcome()) && !partnersBefore.isEmpty() && !partnersBefore.contains(partner.id())) {
            events.publishEvent(new BeneficiaryMatched(beneficiaryId, referralId, partner.id(), Set.copyOf(partnersBefore),
                    resolution.how()));
        }
    }

    private Optional<Resolution> deterministic(Evidence evidence) {
        PersonVariant incoming = evidence.incoming;
        if (incoming.nir() != null) {
            List<UUID> byNir = evidence.nirHolders().stream()
                    .filter(holder -> nirHolderAgrees(holder, evidence)).toList();
            if (byNir.size() == 1) {
                return Optional.of(new Resolution(byNir.get(0), "MATCHED", "NIR", null));
            }
        }
        if (incoming.franceTravailId() != null) {
            Optional<UUID> byFranceTravail = evidence.franceTravailHolder();
            if (byFranceTravail.isPresent() && evidence.anyVariant(byFranceTravail.get(),
                    v -> Objects.equals(v.birthDate(), incoming.birthDate()))) {
                return Optional.of(new Resolution(byFranceTravail.get(), "MATCHED", "FRANCE_TRAVAIL_ID_AND_BIRTH_DATE", null));
            }
        }
        if (incoming.email() != null) {
            Optional<UUID> byEmail = uniqueContactMatch("EM:" + incoming.email(), evidence,
                    v -> incoming.email().equals(v.email()));
            if (byEmail.isPresent()) {
                return Optional.of(new Resolution(byEmail.get(), "MATCHED", "EMAIL_AND_FIRST_NAME", null));
            }
        }
        for (String phone : incoming.phones()) {
            Optional<UUID> byPhone = uniqueContactMatch("PH:" + phone, evidence, v -> v.phones().contains(phone));
            if (byPhone.isPresent()) {
                return Optional.of(new Resolution(byPhone.get(), "MATCHED", "PHONE_AND_FIRST_NAME", null));
            }
        }
        return Optional.empty();
    }

    /** SAFEGUARD: a mistyped NIR can be another person's; the birth date or the first name must agree too. */
    private static boolean nirHolderAgrees(UUID holder, Evidence evidence) {
        PersonVariant incoming = evidence.incoming;
        return evidence.anyVariant(holder, v -> Objects.equals(v.birthDate(), incoming.birthDate())
                || Objects.equals(v.firstToken(), incoming.firstToken()));
    }

    /**
     * The one beneficiary sharing this e-mail or phone with the same first name and no conflicting birth date.
     * SAFEGUARD: families share phones and e-mail addresses; the first name separates parent, child and twins,
     * the birth date separates namesakes (father and son).
     */
    private Optional<UUID> uniqueContactMatch(String key, Evidence evidence, Predicate<PersonVariant> sharesContact) {
        PersonVariant incoming = evidence.incoming;
        if (incoming.firstToken() == null) {
            return Optional.empty();
        }
        List<UUID> matches = new ArrayList<>();
        for (UUID candidate : matchKeys.candidates(Set.of(key), properties.maxCandidates())) {
            if (evidence.anyVariant(candidate, v -> sharesContact.test(v) && incoming.firstToken().equals(v.firstToken())
                    && compatibleBirthDates(incoming.birthDate(), v.birthDate()))) {
                matches.add(candidate);
            }
        }
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    private static boolean compatibleBirthDates(LocalDate a, LocalDate b) {
        return a == null || b == null || a.equals(b);
    }

    /**
     * What one decision learns of other records, read once: the rules at arrival and the merge of revealed records
     * ask the same questions (who holds this NIR, this France Travail id; what are that record's variants). Only
     * other records are asked about, and the decision holds their keys' locks, so the answers stay true for its
     * length; the record the referral joins is never asked about after it changed.
     */
    private final class Evidence {

        private final PersonVariant incoming;
        private List<UUID> nirHolders;
        private Optional<UUID> franceTravailHolder;
        private final Map<UUID, List<PersonVariant>> variants = new HashMap<>();

        Evidence(PersonVariant incoming) {
            this.incoming = incoming;
        }

        List<UUID> nirHolders() {
            if (nirHolders == null) {
                nirHolders = beneficiaries.findByNir(incoming.nir());
            }
            return nirHolders;
        }

        Optional<UUID> franceTravailHolder() {
            if (franceTravailHolder == null) {
                franceTravailHolder = beneficiaries.findByIdentifier(RecordKeys.franceTravailId(incoming.franceTravailId()));
            }
            return franceTravailHolder;
        }

        boolean anyVariant(UUID beneficiaryId, Predicate<PersonVariant> test) {
            return variants.computeIfAbsent(beneficiaryId, id -> beneficiaries.sources(id).stream()
                    .map(SourcedReferral::content).map(PersonVariant::of).toList()).stream().anyMatch(test);
        }
    }

    private record Scored(UUID beneficiaryId, MatchScore score) {
    }

    /** Candidates found through the blocking keys, each with its best score over its variants, best first. */
    private List<Scored> rankedCandidates(PersonVariant incoming) {
        List<UUID> candidates = matchKeys.candidates(MatchKeys.lookup(incoming), properties.maxCandidates());
        List<Scored> ranked = new ArrayList<>();
        for (var entry : beneficiaries.sources(candidates).entrySet()) {
            Scored best = null;
            for (SourcedReferral source : entry.getValue()) {
                MatchScore score = scorer.score(incoming, PersonVariant.of(source.content()));
                if (best == null || score.value() > best.score().value()) {
                    best = new Scored(entry.getKey(), score);
                }
            }
            if (best != null) {
                ranked.add(best);
            }
        }
        ranked.sort(Comparator.comparingDouble((Scored scored) -> scored.score().value()).reversed());
        return ranked;
    }

    /** The identifiers a referral carries: the partner's record key, and the France Travail id if any. */
    static List<PartnerIdentifier> identifiers(Partner partner, CanonicalReferral referral) {
        List<PartnerIdentifier> identifiers = new ArrayList<>();
        PartnerIdentifier recordKey = RecordKeys.of(partner, referral.recordKey());
        identifiers.add(recordKey);
        if (referral.franceTravailId() != null) {
            PartnerIdentifier franceTravailId = RecordKeys.franceTravailId(referral.franceTravailId());
            if (!franceTravailId.equals(recordKey)) {
                identifiers.add(franceTravailId);
            }
        }
        return identifiers;
    }
}
