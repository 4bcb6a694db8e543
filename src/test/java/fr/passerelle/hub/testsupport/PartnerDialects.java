package fr.passerelle.hub.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Writes generated referrals in the partners' own dialects, as the samples show them. */
public final class PartnerDialects {

    private static final DateTimeFormatter FRENCH = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private PartnerDialects() {
    }

    /** The Mission Locale's i-milo export: ';', French headers, dd/MM/yyyy, UTF-8 with BOM. */
    public static byte[] missionLocaleCsv(List<SyntheticReferral> referrals) {
        StringBuilder csv = new StringBuilder("\uFEFFIdentifiant dossier;Nom de naissance;Nom d'usage;Prénom;Date de naissance;Sexe;"
                + "Adresse;Code postal;Commune;Téléphone;Courriel;Identifiant France Travail;NIR;Niveau de formation;"
                + "Bénéficiaire RSA;Freins;Projet de création;Conseiller référent;Courriel conseiller;Date d'orientation;"
                + "Consentement partage\r\n");
        for (SyntheticReferral r : referrals) {
            csv.append(String.join(";", r.recordKey(), r.birthName(), blank(r.usageName()), r.firstNames(),
                    r.birthDate().format(FRENCH), r.sex() == 'F' ? "F" : "H", r.street(), r.postalCode(), r.commune(),
                    blank(r.phone()), blank(r.email()), blank(r.franceTravailId()), blank(r.nir()), "NV4", "Non",
                    "Mobilité", "Créer une activité", "Sophie Marchand", "s.marchand@ml-valdorge.example.org",
                    "20/11/2026", "Oui")).append("\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** France Travail's nightly extract: ';', UTF-8, NULL, upper case without accents, timestamps. */
    public static byte[] franceTravailCsv(List<SyntheticReferral> referrals) {
        StringBuilder csv = new StringBuilder("identifiant_unique_de;civilite;nom;prenom;date_naissance;nir;adresse_ligne4;"
                + "code_postal;commune;telephone;email;code_safir;referent_nom;referent_prenom;referent_mail;"
                + "modalite_accompagnement;dif_financiere;dif_admin_jur;dif_sante;dif_logement;dif_transport;"
                + "dif_inser_com;dif_familiale;brsa;date_orientation;motif_orientation\n");
        for (SyntheticReferral r : referrals) {
            csv.append(String.join(";", r.recordKey(), r.sex() == 'F' ? "MME" : "M.", r.birthName(), r.firstNames(),
                    r.birthDate() + " 00:00:00.0", nullable(r.nir()),
                    upperWithoutAccents(r.street()), r.postalCode(),
                    upperWithoutAccents(r.commune()), nullable(r.phone()), nullable(r.email()),
                    "91027", "LENOIR", "PATRICE", "patrice.lenoir@francetravail.example.fr", "GLOBAL",
                    "N", "N", "N", "N", "O", "N", "N", "N", "2026-11-17 00:00:00.0", "CREATION")).append("\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Association AILE's JSON referral, one per request. */
    public static byte[] associationJson(SyntheticReferral r) {
        ObjectNode root = Json.object();
        root.put("reference", r.recordKey());
        root.put("programme", "ITINERAIRE");
        ObjectNode beneficiary = root.putObject("beneficiary");
        beneficiary.put("firstName", r.firstNames());
        beneficiary.put("lastName", r.birthName());
        beneficiary.put("birthName", r.birthName());
        beneficiary.put("usageName", r.usageName());
        beneficiary.put("birthDate", r.birthDate().toString());
        beneficiary.put("sex", String.valueOf(r.sex()));
        beneficiary.put("nir", r.nir());
        beneficiary.put("franceTravailId", r.franceTravailId());
        beneficiary.put("email", r.email());
        beneficiary.put("phone", r.phone());
        ObjectNode address = beneficiary.putObject("address");
        address.put("line", r.street());
        address.put("postalCode", r.postalCode());
        address.put("city", r.commune());
        root.putArray("barriers").add("MOBILITE");
        ObjectNode prescriber = root.putObject("prescriber");
        prescriber.put("firstName", "Nadia");
        prescriber.put("lastName", "Perrault");
        prescriber.put("email", "n.perrault@aile-emploi.example.org");
        ObjectNode consent = root.putObject("consent");
        consent.put("dataSharing", true);
        consent.put("collectedAt", "2026-11-19");
        return Json.bytes(root);
    }

    /** As France Travail writes names and places: upper case, no accents. */
    public static String upperWithoutAccents(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT);
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }

    private static String nullable(String value) {
        return value == null ? "NULL" : value;
    }
}
