package fr.passerelle.hub.identity.eval;

import fr.passerelle.hub.intake.IntakeSource;
import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.intake.MessageOutcome;
import fr.passerelle.hub.intake.PayloadOutcome;
import fr.passerelle.hub.testsupport.PartnerDialects;
import fr.passerelle.hub.testsupport.SyntheticReferral;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ingests a generated, labelled referral set through the real intake (partner dialects, mappings, identity) and
 * measures pair precision, recall and F1 against the truth, and the review queue's size.
 */
final class IdentityEvaluation {

    private static final int ROUND = 500;

    private final PayloadIntake payloads;
    private final JdbcClient jdbc;

    IdentityEvaluation(PayloadIntake payloads, JdbcClient jdbc) {
        this.payloads = payloads;
        this.jdbc = jdbc;
    }

    record Metrics(int people, int referrals, int rejected, long truePairs, long mergedPairs, long correctMerges,
                   long foundWithReview, int reviewItems, double seconds) {

        double precision() {
            return mergedPairs == 0 ? 1 : (double) correctMerges / mergedPairs;
        }

        double recall() {
            return truePairs == 0 ? 1 : (double) foundWithReview / truePairs;
        }

        double autoRecall() {
            return truePairs == 0 ? 1 : (double) correctMerges / truePairs;
        }

        double f1() {
            return 2 * precision() * recall() / (precision() + recall());
        }

        double reviewRate() {
            return (double) reviewItems / referrals;
        }

        String report() {
            return String.format(java.util.Locale.ROOT, """
                    people                      %d
                    referrals                   %d (rejected by mapping: %d)
                    true pairs                  %d
                    auto-merged pairs           %d (correct: %d)
                    precision (auto-merge)      %.5f
                    recall (auto-merge only)    %.5f
                    recall (auto + review)      %.5f
                    F1                          %.5f
                    review queue                %d items = %.2f %% of referrals
                    ingestion time              %.1f s (%.1f referrals/s)
                    """, people, referrals, rejected, truePairs, mergedPairs, correctMerges, precision(), autoRecall(),
                    recall(), f1(), reviewItems, 100 * reviewRate(), seconds, referrals / seconds);
        }
    }

    Metrics run(int people, long seed) {
        ReferralSetGenerator.ReferralSet set = new ReferralSetGenerator(seed).generate(people);
        long start = System.nanoTime();
        int rejected = 0;
        List<SyntheticReferral> referrals = set.referrals();
        for (int from = 0; from < referrals.size(); from += ROUND) {
            List<SyntheticReferral> round = referrals.subList(from, Math.min(referrals.size(), from + ROUND));
            int roundNumber = from / ROUND;
            List<SyntheticReferral> missionLocale = round.stream().filter(r -> r.partnerId().equals("ml-val-orge")).toList();
            List<SyntheticReferral> franceTravail = round.stream().filter(r -> r.partnerId().equals("ft-91")).toList();
            if (!missionLocale.isEmpty()) {
                rejected += receive("ml-val-orge", "ml-val-orge/imilo-export.v1",
                        "export-imilo-eval-" + seed + "-" + roundNumber + ".csv", PartnerDialects.missionLocaleCsv(missionLocale));
            }
            if (!franceTravail.isEmpty()) {
                rejected += receive("ft-91", "ft-91/orientations-extract.v1",
                        "extract_orientations_creation_eval_" + seed + "_" + roundNumber + ".csv",
                        PartnerDialects.franceTravailCsv(franceTravail));
            }
            for (SyntheticReferral association : round.stream().filter(r -> r.partnerId().equals("aile")).toList()) {
                rejected += receive("aile", "aile/association-referral.v1", association.recordKey() + ".json",
                        PartnerDialects.associationJson(association));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return measure(set, rejected, seconds);
    }

    private int receive(String partner, String mapping, String name, byte[] content) {
        // Each partner's payloads arrive on a channel it is configured for: the association's over REST, files pushed.
        String channel = partner.equals("aile") ? "REST" : "SFTP_PUSH";
        PayloadOutcome outcome = payloads.receive(new IntakeSource(partner, channel, "identity-evaluation", mapping),
                name, content);
        return outcome.rejected() + (outcome.status() == MessageOutcome.REJECTED ? 1 : 0);
    }

    private Metrics measure(ReferralSetGenerator.ReferralSet set, int rejected, double seconds) {
        Map<String, String> personByReferral = new HashMap<>();
        set.referrals().forEach(r -> personByReferral.put(r.partnerId() + "|" + r.recordKey(), r.personId()));
        Map<String, UUID> beneficiaryByReferral = new HashMap<>();
        jdbc.sql("select partner_id, record_key, beneficiary_id from referral where beneficiary_id is not null")
                .query((rs, n) -> beneficiaryByReferral.put(rs.getString(1) + "|" + rs.getString(2),
                        rs.getObject(3, UUID.class)))
                .list();
        Map<String, List<String>> referralsByPerson = new HashMap<>();
        Map<UUID, List<String>> referralsByBeneficiary = new HashMap<>();
        personByReferral.forEach((referral, person) -> {
            UUID beneficiary = beneficiaryByReferral.get(referral);
            if (beneficiary != null) {
                referralsByPerson.computeIfAbsent(person, p -> new ArrayList<>()).add(referral);
                referralsByBeneficiary.computeIfAbsent(beneficiary, b -> new ArrayList<>()).add(referral);
            }
        });
        long truePairs = referralsByPerson.values().stream().mapToLong(list -> (long) list.size() * (list.size() - 1) / 2).sum();
        long merged = 0;
        long correct = 0;
        for (List<String> together : referralsByBeneficiary.values()) {
            for (int i = 0; i < together.size(); i++) {
                for (int j = i + 1; j < together.size(); j++) {
                    merged++;
                    if (personByReferral.get(together.get(i)).equals(personByReferral.get(together.get(j)))) {
                        correct++;
                    }
                }
            }
        }
        Set<String> reviewedPairs = new HashSet<>();
        List<UUID[]> reviews = jdbc.sql("select beneficiary_id, candidate_id from identity_review where status = 'PENDING'")
                .query((rs, n) -> new UUID[]{rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}).list();
        for (UUID[] review : reviews) {
            for (String left : referralsByBeneficiary.getOrDefault(review[0], List.of())) {
                for (String right : referralsByBeneficiary.getOrDefault(review[1], List.of())) {
                    if (personByReferral.get(left).equals(personByReferral.get(right))) {
                        reviewedPairs.add(left.compareTo(right) < 0 ? left + "~" + right : right + "~" + left);
                    }
                }
            }
        }
        return new Metrics(set.people().size(), set.referrals().size(), rejected, truePairs, merged, correct,
                correct + reviewedPairs.size(), reviews.size(), seconds);
    }
}
