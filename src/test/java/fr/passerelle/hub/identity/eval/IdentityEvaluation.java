package fr.passerelle.hub.identity.eval;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static org.awaitility.Awaitility.await;

import fr.passerelle.hub.testsupport.HubClient;
import fr.passerelle.hub.testsupport.PartnerDialects;
import fr.passerelle.hub.testsupport.PartnerSftpClient;
import fr.passerelle.hub.testsupport.SyntheticReferral;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Ingests a generated, labelled referral set through the hub's real channels, all at once — the Mission Locale's and
 * France Travail's files pushed over SFTP while AILE's referrals are posted over REST by several clients — and
 * measures pair precision, recall and F1 against the truth, the review queue's size, the reused record keys refused,
 * and the partition itself, so that two arrival orders can be compared.
 */
final class IdentityEvaluation {

    private static final int ROUND = 500;
    private static final int CLIENTS = 4;

    private final HubClient hub;
    private final int sftpPort;
    private final JdbcClient jdbc;

    IdentityEvaluation(ApplicationContext context) {
        this.hub = HubClient.of(context);
        this.sftpPort = context.getEnvironment().getRequiredProperty("local.sftp.port", Integer.class);
        this.jdbc = context.getBean(JdbcClient.class);
    }

    record Metrics(int people, int referrals, int rejected, int reusedKeysRefused, long truePairs, long mergedPairs,
                   long correctMerges, long foundWithReview, int reviewItems, double seconds,
                   Set<Set<String>> partition, Set<String> inReview) {

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

        /** Referrals not grouped with exactly the same others in both partitions. */
        Set<String> groupedDifferently(Metrics other) {
            Set<String> different = new HashSet<>();
            partition.stream().filter(group -> !other.partition.contains(group)).forEach(different::addAll);
            other.partition.stream().filter(group -> !partition.contains(group)).forEach(different::addAll);
            return different;
        }

        /**
         * Referrals grouped differently that no pending review explains. Scores are not transitive: a referral that
         * meets one record above the threshold joins it, one that meets two goes to review (never merged on a guess),
         * so arrival order can turn a merge into a review of the same pair; never into a different merge.
         */
        Set<String> groupedDifferentlyUnexplained(Metrics other) {
            Set<String> unexplained = new HashSet<>(groupedDifferently(other));
            unexplained.removeAll(inReview);
            unexplained.removeAll(other.inReview);
            return unexplained;
        }

        String report() {
            return String.format(java.util.Locale.ROOT, """
                    people                      %d
                    referrals                   %d (rejected: %d, of which reused record keys refused: %d)
                    true pairs                  %d
                    auto-merged pairs           %d (correct: %d)
                    precision (auto-merge)      %.5f
                    recall (auto-merge only)    %.5f
                    recall (auto + review)      %.5f
                    F1                          %.5f
                    review queue                %d items = %.2f %% of referrals
                    ingestion time              %.1f s (%.1f referrals/s, all channels at once)
                    """, people, referrals, rejected, reusedKeysRefused, truePairs, mergedPairs, correctMerges,
                    precision(), autoRecall(), recall(), f1(), reviewItems, 100 * reviewRate(), seconds,
                    referrals / seconds);
        }
    }

    /** Every referral of the set arrives at once, in an order drawn from {@code arrivalOrder}. */
    Metrics run(ReferralSetGenerator.ReferralSet set, long arrivalOrder) throws Exception {
        List<SyntheticReferral> referrals = set.referrals();
        Map<String, String> files = new LinkedHashMap<>();
        List<Callable<Integer>> arrivals = new ArrayList<>();
        // Rows sharing a record key travel in one file, the first one's: which comes first is the file's order.
        Map<String, Integer> fileOfKey = new HashMap<>();
        Map<Integer, List<SyntheticReferral>> missionLocale = new LinkedHashMap<>();
        Map<Integer, List<SyntheticReferral>> franceTravail = new LinkedHashMap<>();
        for (int i = 0; i < referrals.size(); i++) {
            SyntheticReferral referral = referrals.get(i);
            int round = i / ROUND;
            switch (referral.partnerId()) {
                case "ml-val-orge" -> missionLocale.computeIfAbsent(fileOfKey.computeIfAbsent(referral.recordKey(),
                        key -> round), r -> new ArrayList<>()).add(referral);
                case "ft-91" -> franceTravail.computeIfAbsent(round, r -> new ArrayList<>()).add(referral);
                default -> arrivals.add(() -> post(referral));
            }
        }
        missionLocale.forEach((round, rows) -> {
            String name = "export-imilo-eval-" + arrivalOrder + "-" + round + ".csv";
            files.put(name, "ml-val-orge");
            arrivals.add(() -> push("ml-val-orge", name, PartnerDialects.missionLocaleCsv(rows)));
        });
        franceTravail.forEach((round, rows) -> {
            String name = "extract_orientations_creation_eval_" + arrivalOrder + "_" + round + ".csv";
            files.put(name, "ft-91");
            arrivals.add(() -> push("ft-91", name, PartnerDialects.franceTravailCsv(rows)));
        });
        Collections.shuffle(arrivals, new Random(arrivalOrder));

        long start = System.nanoTime();
        int rejected = 0;
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (Future<Integer> arrival : clients.invokeAll(arrivals)) {
                rejected += arrival.get();
            }
        } finally {
            clients.shutdownNow();
        }
        Duration patience = Duration.ofSeconds(120 + referrals.size() / 10);
        files.forEach((name, partner) -> await().atMost(patience).pollInterval(Duration.ofMillis(200))
                .until(() -> finished(partner, name)));
        double seconds = (System.nanoTime() - start) / 1e9;
        rejected += jdbc.sql("select coalesce(sum(records_rejected), 0) from inbound_file where file_name in (:names)")
                .param("names", files.keySet()).query(Integer.class).single();
        int reusedKeysRefused = jdbc.sql("""
                        select count(*) from inbound_record r join inbound_file f on f.id = r.inbound_file_id
                        where f.file_name in (:names) and r.errors::text like '%IDENTIFIANT_REUTILISE%'""")
                .param("names", files.keySet()).query(Integer.class).single();
        return measure(set, rejected, reusedKeysRefused, seconds);
    }

    private Integer post(SyntheticReferral referral) {
        int status = hub.postJson("/api/v1/referrals", AILE_KEY, PartnerDialects.associationJson(referral)).statusCode();
        return status == 200 || status == 202 ? 0 : 1;
    }

    private Integer push(String partner, String name, byte[] content) throws IOException {
        try (PartnerSftpClient client = PartnerSftpClient.asPartner(sftpPort, partner)) {
            client.put("/inbox/" + name, content);
        }
        return 0;
    }

    private boolean finished(String partner, String name) {
        return jdbc.sql("""
                        select count(*) from inbound_file where partner_id = :partner and file_name = :name
                        and status in ('DONE', 'REJECTED')""")
                .param("partner", partner).param("name", name).query(Integer.class).single() == 1;
    }

    private Metrics measure(ReferralSetGenerator.ReferralSet set, int rejected, int reusedKeysRefused, double seconds) {
        // A reused record key belongs to the person it was first given to; the reuse is refused.
        Map<String, String> personByReferral = new HashMap<>();
        set.referrals().forEach(r -> personByReferral.putIfAbsent(r.partnerId() + "|" + r.recordKey(), r.personId()));
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
        Set<Set<String>> partition = referralsByBeneficiary.values().stream().map(Set::copyOf).collect(Collectors.toSet());
        Set<String> inReview = new HashSet<>();
        for (UUID[] review : reviews) {
            inReview.addAll(referralsByBeneficiary.getOrDefault(review[0], List.of()));
            inReview.addAll(referralsByBeneficiary.getOrDefault(review[1], List.of()));
        }
        return new Metrics(set.people().size(), set.referrals().size(), rejected, reusedKeysRefused, truePairs, merged,
                correct, correct + reviewedPairs.size(), reviews.size(), seconds, partition, inReview);
    }
}
