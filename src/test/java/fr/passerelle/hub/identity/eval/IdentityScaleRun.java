package fr.passerelle.hub.identity.eval;

import fr.passerelle.hub.intake.IntakeSource;
import fr.passerelle.hub.intake.PayloadIntake;
import fr.passerelle.hub.intake.PayloadOutcome;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Does matching hold at a million beneficiaries? {@code ./mvnw verify -Pidentity-scale [-Dscale.steps=10000,100000,1000000]}.
 * On an empty hub, then after bulk loads up to each step (beneficiaries with a referral and blocking keys each, in
 * SQL), the intake of a 1,000-row Mission Locale file of new people and of one of people already known (matched:
 * the record recomputed, the match handed to both prescribers); the candidate search's plan at the last step.
 * The table goes to target/identity-scale.txt and docs/benchmarks.md.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
// The hub's own timer periods, not the test profile's: its watchdog scans every person followed every 500 ms.
@TestPropertySource(properties = {
        "passerelle.handoffs.watch.poll-interval=5m",
        "passerelle.handoffs.watch.no-active-referent-poll-interval=1h",
        "passerelle.alerts.poll-interval=1m",
        "passerelle.retention.poll-interval=10m"})
class IdentityScaleRun extends HubIntegrationTest {

    private static final String[] LAST = {"MARTIN", "BERNARD", "THOMAS", "PETIT", "ROBERT", "RICHARD", "DURAND", "DUBOIS",
            "MOREAU", "LAURENT", "SIMON", "MICHEL", "LEFEVRE", "LEROY", "ROUX", "DAVID", "BERTRAND", "MOREL", "FOURNIER",
            "GIRARD", "BONNET", "DUPONT", "LAMBERT", "FONTAINE", "ROUSSEAU", "VINCENT", "MULLER", "FAURE", "ANDRE",
            "MERCIER", "BLANC", "GUERIN", "BOYER", "GARNIER", "CHEVALIER", "FRANCOIS", "LEGRAND", "GAUTHIER", "GARCIA",
            "PERRIN", "ROBIN", "CLEMENT", "MORIN", "NICOLAS", "HENRY", "ROUSSEL", "MATHIEU", "MASSON", "MARCHAND",
            "DUVAL", "DENIS", "DUMONT", "LEMAIRE", "NOEL", "MEYER", "DUFOUR", "MEUNIER", "BRUN", "BLANCHARD", "GIRAUD",
            "JOLY", "RIVIERE", "LUCAS", "BRUNET", "GAILLARD", "BARBIER", "ARNAUD", "TRAORE", "DIALLO", "KONE", "CAMARA",
            "NGUYEN", "DOS SANTOS", "FERREIRA", "RODRIGUES", "PEREIRA", "CISSE", "SYLLA", "HADDAD", "BENALI"};
    private static final String[] FIRST = {"MARIE", "CAMILLE", "LEA", "MANON", "CHLOE", "INES", "SARAH", "EMMA", "JULIE",
            "LAURA", "GAELLE", "AMINATA", "FATOU", "AMINA", "YASMINE", "NADIA", "SOPHIE", "THOMAS", "LUCAS", "HUGO",
            "NATHAN", "MATHEO", "KARIM", "MOUSSA", "MAMADOU", "YANIS", "REMI", "NOEL", "HERVE", "STEPHANE", "SEBASTIEN",
            "JULIEN", "NICOLAS", "MEHDI", "BILAL", "ADAMA", "IBRAHIMA", "OMAR", "SAMIR", "KEVIN", "JEAN BAPTISTE"};

    @Autowired
    PayloadIntake payloads;

    @Autowired
    JdbcClient jdbc;

    @Test
    void matchingHoldsAtAMillionBeneficiaries() throws IOException {
        List<Integer> steps = java.util.Arrays.stream(System.getProperty("scale.steps", "10000,100000,"
                        + Integer.getInteger("scale.beneficiaries", 1_000_000)).split(","))
                .map(String::strip).map(Integer::parseInt).sorted().toList();
        StringBuilder report = new StringBuilder("| known beneficiaries | blocking keys | new people, ms per referral "
                + "| matched people, ms per referral |\n|---|---|---|---|\n");
        int run = 0;
        report.append(row(0, run++, run++)).append('\n');
        System.out.println(report);
        int loaded = 0;
        for (int size : steps) {
            long start = System.nanoTime();
            bulkLoad(loaded + 1, size);
            loaded = size;
            System.out.printf(Locale.ROOT, "bulk load up to %,d beneficiaries: %.0f s%n", size,
                    (System.nanoTime() - start) / 1e9);
            report.append(row(size, run++, run++)).append('\n');
            System.out.println(report);
        }
        report.append("\ncandidate search plan at ").append(String.format(Locale.ROOT, "%,d", loaded)).append(":\n");
        jdbc.sql("""
                        explain (analyze, buffers) select k.beneficiary_id from beneficiary_match_key k
                        where k.key = any(cast(:keys as text[])) group by k.beneficiary_id order by count(*) desc limit 50
                        """)
                .param("keys", new String[]{"BD:1990-05-01|LN:MART", "BD:1990-05-01|FN:MARIE", "BY:1990|LN:MARTIN|FN:MARIE"})
                .query(String.class).list().forEach(line -> report.append("  ").append(line).append('\n'));
        System.out.println(report);
        Files.writeString(Path.of("target", "identity-scale.txt"), report, StandardCharsets.UTF_8);
    }

    /** One line of the table: a file of new people, then a file of people already known, at this size. */
    private String row(int size, int newRun, int matchedRun) {
        List<String[]> known = new ArrayList<>();
        if (size > 0) {
            jdbc.sql("""
                            select first_names, birth_date, folded_birth_name from beneficiary
                            where status = 'ACTIVE' and id in (select beneficiary_id from referral
                                                              where channel = 'BENCHMARK' order by random() limit 1000)""")
                    .query((rs, n) -> known.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3)})).list();
        }
        Integer keys = jdbc.sql("select count(*) from beneficiary_match_key").query(Integer.class).single();
        return String.format(Locale.ROOT, "| %,d | %,d | %s | %s |", size, keys, measure(newRun, List.of()),
                size == 0 ? "—" : measure(matchedRun, known));
    }
    /** 1,000 Mission Locale rows: copies of known people when {@code known} is given, else new people. */
    private String measure(int run, List<String[]> known) {
        Random random = new Random(42 + run);
        StringBuilder csv = new StringBuilder("\uFEFFIdentifiant dossier;Nom de naissance;Nom d'usage;Prénom;Date de naissance;Sexe;"
                + "Adresse;Code postal;Commune;Téléphone;Courriel;Identifiant France Travail;NIR;Niveau de formation;"
                + "Bénéficiaire RSA;Freins;Projet de création;Conseiller référent;Courriel conseiller;Date d'orientation;"
                + "Consentement partage\r\n");
        for (int i = 0; i < 1000; i++) {
            String last;
            String first;
            LocalDate birth;
            if (!known.isEmpty()) {
                String[] person = known.get(i % known.size());
                first = person[0];
                birth = LocalDate.parse(person[1]);
                last = person[2];
            } else {
                last = LAST[random.nextInt(LAST.length)];
                first = FIRST[random.nextInt(FIRST.length)];
                birth = LocalDate.of(1960, 1, 1).plusDays(random.nextInt(365 * 48));
            }
            csv.append(String.join(";", String.valueOf(90_000_000 + run * 10_000 + i), last, "", first,
                    String.format("%02d/%02d/%d", birth.getDayOfMonth(), birth.getMonthValue(), birth.getYear()), "H",
                    "1 rue Pasteur", "91100", "Corbeil-Essonnes", "", "", "", "", "NV4", "Non", "", "", "Sophie Marchand",
                    "s.marchand@ml-valdorge.example.org", "20/11/2026", "Oui")).append("\r\n");
        }
        long start = System.nanoTime();
        PayloadOutcome outcome = payloads.receive(new IntakeSource("ml-val-orge", "SFTP_PUSH", "identity-scale",
                "ml-val-orge/imilo-export.v1"), "export-imilo-scale-" + run + ".csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "%.1f (%d accepted, %d rejected)", seconds, outcome.accepted(),
                outcome.rejected());
    }

    /** Beneficiaries {@code from}..{@code to}, one referral each (canonical JSON as stored) and their keys, in SQL. */
    private void bulkLoad(int from, int to) {
        String last = "array[" + String.join(",", java.util.Arrays.stream(LAST).map(n -> "'" + n + "'").toList()) + "]";
        String first = "array[" + String.join(",", java.util.Arrays.stream(FIRST).map(n -> "'" + n + "'").toList()) + "]";
        jdbc.sql("""
                drop table if exists scale_synthetic;
                create unlogged table scale_synthetic as
                select gen_random_uuid() as id, gen_random_uuid() as referral_id,
                       (%s)[1 + (random() * %d)::int %% %d] as last_name,
                       (%s)[1 + (random() * %d)::int %% %d] as first_name,
                       date '1960-01-01' + (random() * 17500)::int as birth_date,
                       g as n
                from generate_series(%d, %d) g
                """.formatted(last, LAST.length, LAST.length, first, FIRST.length, FIRST.length, from, to)).update();
        jdbc.sql("""
                insert into beneficiary (id, birth_name, first_names, birth_date, folded_birth_name, folded_first_names)
                select id, initcap(last_name), initcap(first_name), birth_date, last_name, first_name from scale_synthetic
                """).update();
        jdbc.sql("""
                insert into referral (id, partner_id, channel, record_key, status, beneficiary_id, content_digest, canonical)
                select referral_id, 'plie-val-orge', 'BENCHMARK', 'S' || n, 'ACCEPTED', id, md5(n::text),
                       jsonb_build_object('recordKey', 'S' || n,
                           'identity', jsonb_build_object('birthName', initcap(last_name), 'firstNames', initcap(first_name),
                                                          'birthDate', birth_date::text),
                           'contact', jsonb_build_object('phones', jsonb_build_array()),
                           'address', jsonb_build_object('postalCode', '91100', 'commune', 'Corbeil-Essonnes'),
                           'situation', jsonb_build_object(), 'barriers', jsonb_build_array())
                from scale_synthetic
                """).update();
        jdbc.sql("""
                insert into beneficiary_match_key (key, beneficiary_id)
                select key, id from scale_synthetic, lateral (values
                    ('BD:' || birth_date || '|LN:' || left(replace(last_name, ' ', ''), 4)),
                    ('BY:' || extract(year from birth_date) || '|LN:' || replace(last_name, ' ', '') || '|FN:' || split_part(first_name, ' ', 1)),
                    ('BD:' || birth_date || '|FN:' || split_part(first_name, ' ', 1))) as keys(key)
                on conflict do nothing
                """).update();
        jdbc.sql("analyze").update();
    }
}
