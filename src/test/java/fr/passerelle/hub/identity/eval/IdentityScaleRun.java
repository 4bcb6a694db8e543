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

/**
 * Does matching hold at a million beneficiaries? {@code ./mvnw verify -Pidentity-scale [-Dscale.beneficiaries=1000000]}.
 * Measures the intake of the same 1,000-row Mission Locale file (half new people, half noisy copies of known
 * ones) on an empty hub and after a million beneficiaries — with their referrals and blocking keys — are loaded
 * in bulk; prints the query plan of the candidate search. Figures go to docs/identity.md.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.BEFORE_CLASS)
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
        int size = Integer.getInteger("scale.beneficiaries", 1_000_000);
        StringBuilder report = new StringBuilder();
        List<String[]> known = new ArrayList<>();
        report.append(measure("empty hub", 0, known)).append('\n');
        System.out.println(report);

        long start = System.nanoTime();
        bulkLoad(size);
        report.append(String.format(Locale.ROOT, "bulk load of %,d beneficiaries, referrals and keys: %.0f s%n", size,
                (System.nanoTime() - start) / 1e9));
        Integer keys = jdbc.sql("select count(*) from beneficiary_match_key").query(Integer.class).single();
        report.append(String.format(Locale.ROOT, "blocking keys: %,d%n", keys));
        System.out.println(report);
        jdbc.sql("select id, first_names, birth_date, folded_birth_name from beneficiary where status = 'ACTIVE' order by random() limit 500")
                .query((rs, n) -> known.add(new String[]{rs.getString(2), rs.getString(3), rs.getString(4)})).list();
        report.append(measure("after " + String.format(Locale.ROOT, "%,d", size) + " beneficiaries", 1, known)).append('\n');
        report.append("candidate search plan:\n");
        jdbc.sql("""
                        explain (analyze, buffers) select k.beneficiary_id from beneficiary_match_key k
                        where k.key = any(cast(:keys as text[])) group by k.beneficiary_id order by count(*) desc limit 50
                        """)
                .param("keys", new String[]{"BD:1990-05-01|LN:MART", "BD:1990-05-01|FN:MARIE", "BY:1990|LN:MARTIN|FN:MARIE"})
                .query(String.class).list().forEach(line -> report.append("  ").append(line).append('\n'));
        System.out.println(report);
        Files.writeString(Path.of("target", "identity-scale.txt"), report, StandardCharsets.UTF_8);
    }

    /** 1,000 Mission Locale rows: half noisy copies of known people (if any), half new people. */
    private String measure(String label, int run, List<String[]> known) {
        Random random = new Random(42 + run);
        StringBuilder csv = new StringBuilder("\uFEFFIdentifiant dossier;Nom de naissance;Nom d'usage;Prénom;Date de naissance;Sexe;"
                + "Adresse;Code postal;Commune;Téléphone;Courriel;Identifiant France Travail;NIR;Niveau de formation;"
                + "Bénéficiaire RSA;Freins;Projet de création;Conseiller référent;Courriel conseiller;Date d'orientation;"
                + "Consentement partage\r\n");
        for (int i = 0; i < 1000; i++) {
            String last;
            String first;
            LocalDate birth;
            if (!known.isEmpty() && i % 2 == 0) {
                String[] person = known.get(random.nextInt(known.size()));
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
        return String.format(Locale.ROOT, "%s: 1,000 rows in %.1f s = %.1f ms per referral (%d accepted, %d rejected)",
                label, seconds, seconds, outcome.accepted(), outcome.rejected());
    }

    /** Beneficiaries, one referral each (canonical JSON as the hub stores it) and their blocking keys, in SQL. */
    private void bulkLoad(int size) {
        String last = "array[" + String.join(",", java.util.Arrays.stream(LAST).map(n -> "'" + n + "'").toList()) + "]";
        String first = "array[" + String.join(",", java.util.Arrays.stream(FIRST).map(n -> "'" + n + "'").toList()) + "]";
        jdbc.sql("""
                create temporary table synthetic as
                select gen_random_uuid() as id, gen_random_uuid() as referral_id,
                       (%s)[1 + (random() * %d)::int %% %d] as last_name,
                       (%s)[1 + (random() * %d)::int %% %d] as first_name,
                       date '1960-01-01' + (random() * 17500)::int as birth_date,
                       g as n
                from generate_series(1, %d) g
                """.formatted(last, LAST.length, LAST.length, first, FIRST.length, FIRST.length, size)).update();
        jdbc.sql("""
                insert into beneficiary (id, birth_name, first_names, birth_date, folded_birth_name, folded_first_names)
                select id, initcap(last_name), initcap(first_name), birth_date, last_name, first_name from synthetic
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
                from synthetic
                """).update();
        jdbc.sql("""
                insert into beneficiary_match_key (key, beneficiary_id)
                select key, id from synthetic, lateral (values
                    ('BD:' || birth_date || '|LN:' || left(replace(last_name, ' ', ''), 4)),
                    ('BY:' || extract(year from birth_date) || '|LN:' || replace(last_name, ' ', '') || '|FN:' || split_part(first_name, ' ', 1)),
                    ('BD:' || birth_date || '|FN:' || split_part(first_name, ' ', 1))) as keys(key)
                on conflict do nothing
                """).update();
        jdbc.sql("analyze").update();
    }
}
