package fr.passerelle.hub.security;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.FT_91_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.PROGRAMME_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.soap.contract.v1.Adresse;
import fr.passerelle.hub.soap.contract.v1.Civilite;
import fr.passerelle.hub.soap.contract.v1.Conseiller;
import fr.passerelle.hub.soap.contract.v1.Individu;
import fr.passerelle.hub.soap.contract.v1.Orientation;
import fr.passerelle.hub.soap.contract.v1.OrientationPortType;
import fr.passerelle.hub.soap.contract.v1.OrientationService;
import fr.passerelle.hub.soap.contract.v1.SoumettreOrientation;
import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.handler.MessageContext;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, consent-bound sharing, against the running hub: France Travail orients a person and refuses sharing;
 * association AILE then refers the same person (same NIR). AILE's handoffs (pull API) and the programme team's read
 * of the shared record carry nothing France Travail supplied (phone, e-mail, commune, identifier, that France Travail
 * follows the person), AILE's older consent does not lift France Travail's refusal, free text stays in the hub; a new
 * consent, dated after the refusal and from a known source, opens the record.
 */
class ConsentBoundSharingIT extends HubIntegrationTest {

    private static final String FT_PHONE_DIGITS = "745650999";
    private static final String FT_EMAIL = "ft-only-" + ThreadLocalRandom.current().nextInt(1_000_000) + "@example.fr";
    private static final String FT_COMMUNE = "EVRY-COURCOURONNES";
    private static final String DROP_OUT_REASON = "hospitalisation longue (confidentiel)";

    @Test
    void partnerJoiningAPersonLearnsNothingAnotherPartnerSuppliedWithoutConsent() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        String lastName = "Consentement" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        LocalDate birthDate = LocalDate.of(1990, 4, 17);
        String nir = nir(birthDate);
        String franceTravailId = String.format("%07dZ", ThreadLocalRandom.current().nextInt(10_000_000));

        france(FT_91_KEY).soumettreOrientation(submit(orientation(lastName, birthDate, nir, franceTravailId)));
        AileReferral aile = AileReferral.newPerson().lastName(lastName).firstName("Adèle").birthDate(birthDate)
                .nir(nir).email("adele." + lastName.toLowerCase() + "@aile-test.example.org").phone("0611223344")
                .postalCode("91100").commune("Corbeil-Essonnes").consent(true);
        String beneficiary = referNewPersonAsAile(aile);

        JsonNode record = sharedRecord(beneficiary);
        assertThat(record.at("/consent/dataSharing").asBoolean())
                .as("France Travail's refusal (20 Nov.) wins over AILE's older consent (19 Nov.)").isFalse();
        assertThat(record.toString()).doesNotContain(FT_PHONE_DIGITS, FT_EMAIL, FT_COMMUNE, franceTravailId, "ft-91",
                "LENOIR");

        journeyEvent(beneficiary, """
                {"type": "DROPPED_OUT", "reason": "%s"}""".formatted(DROP_OUT_REASON));

        List<JsonNode> toAile = await().atMost(Duration.ofSeconds(15))
                .until(() -> aileHandoffsAbout(beneficiary, start), handoffs -> handoffs.stream()
                        .map(h -> h.at("/handoff/trigger").asText()).toList()
                        .containsAll(List.of("BENEFICIARY_MATCHED", "DROPPED_OUT")));
        for (JsonNode handoff : toAile) {
            assertThat(handoff.toString()).as(handoff.at("/handoff/trigger").asText())
                    .doesNotContain(FT_PHONE_DIGITS, FT_EMAIL, FT_COMMUNE, "EVRY", franceTravailId, "ft-91",
                            "France Travail", "LENOIR", DROP_OUT_REASON);
        }
        JsonNode match = toAile.stream().filter(h -> h.at("/handoff/trigger").asText().equals("BENEFICIARY_MATCHED"))
                .findFirst().orElseThrow();
        assertThat(match.at("/handoff/match/partners").isMissingNode()).isTrue();
        assertThat(match.at("/handoff/beneficiary/phones").toString())
                .as("AILE gets back what it supplied itself").contains("+33611223344");

        // A new consent, collected after the refusal, through AILE: the record opens.
        postJson("/api/v1/referrals", AILE_KEY, aile.consentCollectedAt(LocalDate.of(2026, 11, 25)).json());
        JsonNode opened = await().atMost(Duration.ofSeconds(10)).until(() -> sharedRecord(beneficiary),
                r -> r.at("/consent/dataSharing").asBoolean());
        assertThat(opened.at("/consent/collectedAt").asText()).isEqualTo("2026-11-25");
        assertThat(opened.at("/consent/source").asText()).isEqualTo("aile");
        assertThat(opened.toString()).contains(FT_PHONE_DIGITS, franceTravailId);
    }

    private JsonNode sharedRecord(String beneficiary) {
        HttpResponse<String> answer = get("/api/v1/beneficiaries/" + beneficiary, PROGRAMME_KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Json.read(answer.body());
    }

    /** AILE's pending handoffs about this person, every page of them since the test began. */
    private List<JsonNode> aileHandoffsAbout(String beneficiary, Instant since) {
        List<JsonNode> about = new ArrayList<>();
        String after = null;
        do {
            HttpResponse<String> answer = get("/api/v1/handoffs?status=PENDING&since=" + since
                    + (after == null ? "" : "&after=" + after), AILE_KEY);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode page = Json.read(answer.body());
            page.get("handoffs").forEach(handoff -> {
                if (beneficiary.equals(handoff.at("/handoff/beneficiary/id").asText())) {
                    about.add(handoff);
                }
            });
            after = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (after != null);
        return about;
    }

    private static Orientation orientation(String lastName, LocalDate birthDate, String nir, String franceTravailId) {
        Individu individu = new Individu();
        individu.setIdentifiantFranceTravail(franceTravailId);
        individu.setNir(nir);
        individu.setCivilite(Civilite.M);
        individu.setNomNaissance(lastName.toUpperCase());
        individu.setPrenom("ADELE");
        individu.setDateNaissance(birthDate);
        individu.setTelephone("0" + FT_PHONE_DIGITS);
        individu.setCourriel(FT_EMAIL);
        Adresse adresse = new Adresse();
        adresse.setLigne("3 PLACE DES DROITS DE L'HOMME");
        adresse.setCodePostal("91000");
        adresse.setCommune(FT_COMMUNE);
        individu.setAdresse(adresse);
        Conseiller conseiller = new Conseiller();
        conseiller.setNom("LENOIR");
        conseiller.setPrenom("PATRICE");
        conseiller.setCourriel("patrice.lenoir@francetravail.example.fr");
        conseiller.setCodeSafir("91027");
        Orientation orientation = new Orientation();
        orientation.setReferenceFranceTravail("ORI-CONSENT-" + franceTravailId);
        orientation.setIndividu(individu);
        orientation.setBeneficiaireRsa(true);
        orientation.setConseiller(conseiller);
        orientation.setConsentementPartage(false);
        orientation.setDateOrientation(LocalDate.of(2026, 11, 20));
        return orientation;
    }

    private static SoumettreOrientation submit(Orientation orientation) {
        SoumettreOrientation request = new SoumettreOrientation();
        request.setOrientation(orientation);
        return request;
    }

    private OrientationPortType france(String apiKey) {
        OrientationPortType client = new OrientationService().getOrientationPort();
        Map<String, Object> context = ((BindingProvider) client).getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, uri("/services/orientation").toString());
        context.put(MessageContext.HTTP_REQUEST_HEADERS, Map.of("X-Api-Key", List.of(apiKey)));
        return client;
    }

    /** A valid NIR of a man born that month in Paris, different at every run. */
    static String nir(LocalDate birthDate) {
        String body = String.format("1%02d%02d75%03d%03d", birthDate.getYear() % 100, birthDate.getMonthValue(),
                ThreadLocalRandom.current().nextInt(1, 999), ThreadLocalRandom.current().nextInt(1, 999));
        long key = 97 - Long.parseLong(body) % 97;
        return body + String.format("%02d", key);
    }
}
