package fr.passerelle.hub.identity.eval;

import static fr.passerelle.hub.testsupport.PartnerDialects.upperWithoutAccents;

import fr.passerelle.hub.testsupport.SyntheticReferral;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generates a labelled referral set: people of the Essonne, each referred by one to three partners, with the noise
 * partners really produce (upper case without accents, a missing or 13-digit NIR, a missing France Travail id, a
 * first name cut at the hyphen, a phone without its leading 0, a usage name instead of the birth name, a typo, a
 * day and month swapped) and the traps a matcher must not fall into: twins (same last name, birth date and
 * address, another first name), homonyms (same names, another birth date), parent and child at one address, and a
 * record key the Mission Locale reuses for the person's partner. Deterministic for a given seed.
 */
public final class ReferralSetGenerator {

    static final String[] LAST_NAMES = {"Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois",
            "Moreau", "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier",
            "Girard", "Bonnet", "Dupont", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure",
            "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier",
            "Garcia", "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson",
            "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun",
            "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez",
            "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger",
            "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier", "Philippe", "Bourgeois", "Pierre",
            "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq", "Guillaume", "Lecomte", "Lopez", "Jean",
            "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez", "Dupuis", "Moulin", "Louis", "Deschamps",
            "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein", "Jacquet", "Adam", "Paris", "Poirier",
            "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault", "Charpentier", "Ménard", "Maillard", "Baron",
            "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet", "Léger", "Bouvier", "Julien",
            "Prévost", "Millet", "Perrot", "Daniel", "Le Roux", "Cousin", "Germain", "Breton", "Besson", "Langlois",
            "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré", "Lebrun", "Marchal", "Weber",
            "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud", "Rodriguez", "Guichard", "Gillet", "Étienne",
            "Grondin", "Poulain", "Tessier", "Chevallier", "Collin", "Chauvin", "Da Silva", "Bouchet", "Gay", "Lemaître",
            "Bénard", "Maréchal", "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret", "Barthélemy", "Cordier", "Pichon",
            "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte", "Traoré", "Diallo", "Koné",
            "N'Diaye", "Camara", "Benali", "Haddad", "Mansouri", "Nguyen", "Dos Santos", "Ferreira", "D'Almeida",
            "Rodrigues", "Pereira", "Ben Ahmed", "Cissé", "Sylla", "Bouzid", "Cherif", "Hamidi", "Saidi", "Belkacem"};
    static final String[] FEMALE = {"Marie", "Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Emma", "Julie",
            "Laura", "Gaëlle", "Aminata", "Fatou", "Amina", "Yasmine", "Nadia", "Sophie", "Céline", "Hélène", "Irène",
            "Leïla", "Mariam", "Aïcha", "Lina", "Nora", "Sandrine", "Isabelle", "Nathalie", "Valérie", "Stéphanie",
            "Anne-Sophie", "Marie-Claire", "Marie-Hélène", "Anne-Laure", "Jade", "Zoé", "Louise", "Alice", "Océane",
            "Mélissa", "Audrey", "Aurélie", "Élodie", "Émilie", "Khadija", "Salimata", "Binta", "Rokia", "Awa"};
    static final String[] MALE = {"Thomas", "Lucas", "Hugo", "Nathan", "Mathéo", "Karim", "Moussa", "Mamadou", "Yanis",
            "Rémi", "Noël", "Hervé", "Stéphane", "Sébastien", "Julien", "Nicolas", "Mehdi", "Bilal", "Adama", "Ibrahima",
            "Omar", "Samir", "Rachid", "Kevin", "Anthony", "Jérôme", "Frédéric", "Olivier", "Pierre", "Paul",
            "Jean-Baptiste", "Jean-Pierre", "Jean-Marc", "Pierre-Louis", "Louis", "Gabriel", "Arthur", "Raphaël",
            "Théo", "Enzo", "Léo", "Maxime", "Alexandre", "Antoine", "Youssef", "Souleymane", "Boubacar", "Dylan"};
    static final String[][] COMMUNES = {{"91100", "Corbeil-Essonnes"}, {"91220", "Brétigny-sur-Orge"},
            {"91240", "Saint-Michel-sur-Orge"}, {"91350", "Grigny"}, {"91360", "Villemoisson-sur-Orge"},
            {"91390", "Morsang-sur-Orge"}, {"91310", "Longpont-sur-Orge"}, {"91700", "Sainte-Geneviève-des-Bois"},
            {"91170", "Viry-Châtillon"}, {"91200", "Athis-Mons"}, {"91130", "Ris-Orangis"}, {"91000", "Évry-Courcouronnes"},
            {"91180", "Saint-Germain-lès-Arpajon"}, {"91290", "Arpajon"}, {"91600", "Savigny-sur-Orge"}};
    static final String[] STREETS = {"rue Jean Jaurès", "avenue Gabriel Péri", "allée des Tilleuls", "place du Marché",
            "résidence Les Aunettes", "rue Pierre Brossolette", "chemin des Prés", "boulevard de la Libération",
            "rue du Général de Gaulle", "rue Victor Hugo", "avenue de la République", "rue Pasteur"};
    static final String[] PARTNERS = {"ml-val-orge", "ft-91", "aile"};

    private final Random random;
    private int recordSequence;
    private final java.util.Set<String> franceTravailIds = new java.util.HashSet<>();

    public ReferralSetGenerator(long seed) {
        this.random = new Random(seed);
    }

    record ReferralSet(List<SyntheticPerson> people, List<SyntheticReferral> referrals) {
    }

    ReferralSet generate(int count) {
        List<SyntheticPerson> people = new ArrayList<>();
        while (people.size() < count) {
            double trap = random.nextDouble();
            SyntheticPerson person = person("P" + people.size(), null);
            people.add(person);
            if (trap < 0.03 && people.size() < count) {
                people.add(twinOf(person, "P" + people.size()));
            } else if (trap < 0.06 && people.size() < count) {
                people.add(homonymOf(person, "P" + people.size()));
            } else if (trap < 0.10 && people.size() < count) {
                people.add(childOf(person, "P" + people.size()));
            }
        }
        List<SyntheticReferral> referrals = new ArrayList<>();
        for (SyntheticPerson person : people) {
            int copies = 1 + (random.nextDouble() < 0.45 ? 1 : 0) + (random.nextDouble() < 0.12 ? 1 : 0);
            List<String> partners = new ArrayList<>(List.of(PARTNERS));
            java.util.Collections.shuffle(partners, random);
            for (int i = 0; i < copies; i++) {
                referrals.add(noisy(person, partners.get(i)));
            }
        }
        java.util.Collections.shuffle(referrals, random);
        return new ReferralSet(people, reuseSomeKeys(people, referrals));
    }

    /**
     * One partner's referrals of {@code rows} people of the generated population (twins, homonyms, parents and children
     * among them), one each, with that partner's noise (France Travail: upper case without accents, its own ids; all:
     * a missing or 13-digit NIR, typos, swapped day and month). Used by the throughput benchmarks (docs/benchmarks.md).
     */
    public List<SyntheticReferral> referrals(String partner, int rows) {
        List<SyntheticReferral> referrals = new ArrayList<>();
        for (SyntheticPerson person : generate(rows).people()) {
            if (referrals.size() == rows) {
                break;
            }
            referrals.add(noisy(person, partner));
        }
        return referrals;
    }

    /**
     * PARTNER QUIRK reproduced: the Mission Locale's software gives one file number to both members of a couple. The
     * partner (another first name, another birth date, same last name and address) follows the person it was first
     * given to, under the same record key; the hub must refuse that row and leave the first person untouched.
     */
    private List<SyntheticReferral> reuseSomeKeys(List<SyntheticPerson> people, List<SyntheticReferral> referrals) {
        List<SyntheticReferral> withReuses = new ArrayList<>();
        for (SyntheticReferral referral : referrals) {
            withReuses.add(referral);
            if ("ml-val-orge".equals(referral.partnerId()) && random.nextDouble() < 0.01) {
                SyntheticPerson first = people.stream().filter(p -> p.id().equals(referral.personId())).findFirst().orElseThrow();
                SyntheticPerson partner = partnerOf(first, "P" + people.size());
                people.add(partner);
                SyntheticReferral second = noisy(partner, "ml-val-orge");
                withReuses.add(new SyntheticReferral(second.partnerId(), referral.recordKey(), second.personId(),
                        second.birthName(), second.usageName(), second.firstNames(), second.birthDate(), second.sex(),
                        second.nir(), second.franceTravailId(), second.phone(), second.email(), second.street(),
                        second.postalCode(), second.commune()));
            }
        }
        return withReuses;
    }

    private SyntheticPerson partnerOf(SyntheticPerson person, String id) {
        char sex = person.sex() == 'F' ? 'M' : 'F';
        LocalDate birthDate = person.birthDate().plusDays((400 + random.nextInt(3000)) * (random.nextBoolean() ? 1 : -1));
        String firstNames = otherFirstName(sex, person.firstNames());
        return new SyntheticPerson(id, person.birthName(), null, firstNames, birthDate, sex, nir(sex, birthDate),
                franceTravailId(), mobile(), email(firstNames, person.birthName()), person.street(), person.postalCode(),
                person.commune(), "REUSED_KEY");
    }

    private SyntheticPerson person(String id, String lastName) {
        char sex = random.nextBoolean() ? 'F' : 'M';
        String birthName = lastName != null ? lastName : LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String firstNames = sex == 'F' ? FEMALE[random.nextInt(FEMALE.length)] : MALE[random.nextInt(MALE.length)];
        LocalDate birthDate = LocalDate.of(1962, 1, 1).plusDays(random.nextInt(365 * 48));
        String usageName = sex == 'F' && random.nextDouble() < 0.15 ? LAST_NAMES[random.nextInt(LAST_NAMES.length)] : null;
        String[] commune = COMMUNES[random.nextInt(COMMUNES.length)];
        return new SyntheticPerson(id, birthName, usageName, firstNames, birthDate, sex, nir(sex, birthDate),
                franceTravailId(), mobile(), email(firstNames, usageName != null ? usageName : birthName),
                (1 + random.nextInt(150)) + " " + STREETS[random.nextInt(STREETS.length)], commune[0], commune[1], null);
    }

    private SyntheticPerson twinOf(SyntheticPerson sibling, String id) {
        SyntheticPerson twin = person(id, sibling.birthName());
        return new SyntheticPerson(id, sibling.birthName(), null, otherFirstName(twin.sex(), sibling.firstNames()),
                sibling.birthDate(), twin.sex(), nir(twin.sex(), sibling.birthDate()), franceTravailId(), mobile(),
                email(twin.firstNames(), sibling.birthName()), sibling.street(), sibling.postalCode(), sibling.commune(),
                "TWIN");
    }

    private SyntheticPerson homonymOf(SyntheticPerson namesake, String id) {
        SyntheticPerson other = person(id, namesake.birthName());
        LocalDate birthDate = namesake.birthDate().plusDays(30 + random.nextInt(3000) * (random.nextBoolean() ? 1 : -1));
        return new SyntheticPerson(id, namesake.birthName(), null, namesake.firstNames(), birthDate, namesake.sex(),
                nir(namesake.sex(), birthDate), franceTravailId(), mobile(), email(namesake.firstNames() + random.nextInt(99),
                namesake.birthName()), other.street(), other.postalCode(), other.commune(), "HOMONYM");
    }

    private SyntheticPerson childOf(SyntheticPerson parent, String id) {
        char sex = random.nextBoolean() ? 'F' : 'M';
        LocalDate birthDate = parent.birthDate().plusYears(20 + random.nextInt(12)).plusDays(random.nextInt(300));
        if (birthDate.isAfter(LocalDate.of(2009, 12, 31))) {
            birthDate = LocalDate.of(2008, 1 + random.nextInt(12), 1 + random.nextInt(28));
        }
        String firstNames = otherFirstName(sex, parent.firstNames());
        // PARTNER QUIRK: a young person referred by the Mission Locale often gives the family's landline or e-mail.
        return new SyntheticPerson(id, parent.birthName(), null, firstNames, birthDate, sex, nir(sex, birthDate),
                franceTravailId(), random.nextBoolean() ? parent.phone() : mobile(),
                random.nextDouble() < 0.3 ? parent.email() : email(firstNames, parent.birthName()), parent.street(),
                parent.postalCode(), parent.commune(), "PARENT_CHILD");
    }

    private String otherFirstName(char sex, String avoid) {
        String[] names = sex == 'F' ? FEMALE : MALE;
        String name;
        do {
            name = names[random.nextInt(names.length)];
        } while (name.equals(avoid) || name.startsWith(avoid.split("-")[0]) || avoid.startsWith(name.split("-")[0]));
        return name;
    }

    private SyntheticReferral noisy(SyntheticPerson person, String partner) {
        String birthName = person.birthName();
        String usageName = person.usageName();
        String firstNames = person.firstNames();
        LocalDate birthDate = person.birthDate();
        String nir = random.nextDouble() < 0.45 ? null : person.nir();
        if (nir != null && random.nextDouble() < 0.3) {
            nir = nir.substring(0, 13);
        }
        String franceTravailId = "ft-91".equals(partner) || random.nextDouble() < 0.5 ? person.franceTravailId() : null;
        // People change numbers and mailboxes between two structures; contact details are weak evidence.
        double phoneNoise = random.nextDouble();
        String phone = phoneNoise < 0.2 ? null : phoneNoise < 0.4 ? mobile() : person.phone();
        double emailNoise = random.nextDouble();
        String email = emailNoise < 0.3 ? null : emailNoise < 0.45
                ? email(person.firstNames(), person.birthName()) : person.email();
        String street = person.street();
        String postalCode = person.postalCode();
        String commune = person.commune();
        if (random.nextDouble() < 0.1) {
            String[] moved = COMMUNES[random.nextInt(COMMUNES.length)];
            street = (1 + random.nextInt(150)) + " " + STREETS[random.nextInt(STREETS.length)];
            postalCode = moved[0];
            commune = moved[1];
        }
        if (usageName != null && random.nextDouble() < 0.4) {
            birthName = usageName;
            usageName = null;
        }
        double noise = random.nextDouble();
        if (noise < 0.10) {
            birthName = typo(birthName);
        } else if (noise < 0.17) {
            firstNames = typo(firstNames);
        } else if (noise < 0.21 && birthDate.getDayOfMonth() <= 12) {
            birthDate = LocalDate.of(birthDate.getYear(), birthDate.getDayOfMonth(), birthDate.getMonthValue());
        }
        if (firstNames.contains("-") && random.nextDouble() < 0.5) {
            firstNames = firstNames.substring(0, firstNames.indexOf('-'));
        }
        if ("ft-91".equals(partner)) {
            birthName = upperWithoutAccents(birthName);
            firstNames = upperWithoutAccents(firstNames);
            usageName = null;
        }
        if ("ml-val-orge".equals(partner) && phone != null && random.nextDouble() < 0.3) {
            phone = phone.substring(1);
        }
        String recordKey = switch (partner) {
            case "ft-91" -> person.franceTravailId();
            case "ml-val-orge" -> String.valueOf(10_000_000 + ++recordSequence);
            default -> "AILE-EVAL-" + ++recordSequence;
        };
        return new SyntheticReferral(partner, recordKey, person.id(), birthName, usageName, firstNames, birthDate,
                person.sex(), nir, franceTravailId, phone, email, street, postalCode, commune);
    }

    /** A transposed, dropped or doubled letter, as typed in a hurry. */
    private String typo(String name) {
        if (name.length() < 4) {
            return name;
        }
        int at = 1 + random.nextInt(name.length() - 2);
        StringBuilder typed = new StringBuilder(name);
        switch (random.nextInt(3)) {
            case 0 -> {
                char c = typed.charAt(at);
                typed.setCharAt(at, typed.charAt(at + 1));
                typed.setCharAt(at + 1, c);
            }
            case 1 -> typed.deleteCharAt(at);
            default -> typed.insert(at, typed.charAt(at));
        }
        return typed.toString();
    }

    private String nir(char sex, LocalDate birthDate) {
        String body = (sex == 'F' ? "2" : "1") + String.format("%02d%02d", birthDate.getYear() % 100, birthDate.getMonthValue())
                + "91" + String.format("%03d%03d", 1 + random.nextInt(689), 1 + random.nextInt(999));
        int key = 97 - new java.math.BigInteger(body).mod(java.math.BigInteger.valueOf(97)).intValue();
        return body + String.format("%02d", key);
    }

    private String franceTravailId() {
        String id;
        do {
            id = String.format("%07d", random.nextInt(10_000_000)) + (char) ('A' + random.nextInt(26));
        } while (!franceTravailIds.add(id));
        return id;
    }

    private String mobile() {
        return "0" + (6 + random.nextInt(2)) + String.format("%08d", random.nextInt(100_000_000));
    }

    private String email(String firstNames, String lastName) {
        String local = Normalizer.normalize(firstNames + "." + lastName, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
        return local + random.nextInt(100)
                + "@" + new String[]{"free.fr", "orange.fr", "gmail.com", "laposte.net", "hotmail.fr"}[random.nextInt(5)];
    }
}
