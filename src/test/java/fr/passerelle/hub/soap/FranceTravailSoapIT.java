package fr.passerelle.hub.soap;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static fr.passerelle.hub.testsupport.DemoCredentials.FT_91_KEY;
import static fr.passerelle.hub.testsupport.PartnerSamples.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.intake.RawMessageStore;
import fr.passerelle.hub.soap.contract.v1.Adresse;
import fr.passerelle.hub.soap.contract.v1.Anomalie;
import fr.passerelle.hub.soap.contract.v1.Civilite;
import fr.passerelle.hub.soap.contract.v1.Conseiller;
import fr.passerelle.hub.soap.contract.v1.ConsulterOrientation;
import fr.passerelle.hub.soap.contract.v1.ConsulterOrientationReponse;
import fr.passerelle.hub.soap.contract.v1.Contrainte;
import fr.passerelle.hub.soap.contract.v1.Individu;
import fr.passerelle.hub.soap.contract.v1.Orientation;
import fr.passerelle.hub.soap.contract.v1.OrientationIntrouvable;
import fr.passerelle.hub.soap.contract.v1.OrientationInvalide;
import fr.passerelle.hub.soap.contract.v1.OrientationPortType;
import fr.passerelle.hub.soap.contract.v1.OrientationService;
import fr.passerelle.hub.soap.contract.v1.SoumettreOrientation;
import fr.passerelle.hub.soap.contract.v1.SoumettreOrientationReponse;
import fr.passerelle.hub.soap.contract.v1.StatutOrientation;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.Json;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * France Travail's SOAP intake (SPEC §4.2) called over real HTTP by a CXF JAX-WS client generated from the same
 * WSDL as the service, with the partner's API key in {@code X-Api-Key} (the WS-Security UsernameToken way:
 * {@link SoapUsernameTokenIT}).
 */
@ExtendWith(OutputCaptureExtension.class)
class FranceTravailSoapIT extends HubIntegrationTest {

    private static final String NIR = "193092A07895670";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    RawMessageStore rawMessages;

    @Test
    void acceptsAValidOrientationAndReadsItBackAccepted() throws Exception {
        SoumettreOrientationReponse answer = client(FT_91_KEY).soumettreOrientation(submit(lucasNoel("ORI-91027-0001")));

        assertThat(answer.getStatut()).isEqualTo(StatutOrientation.ACCEPTED);
        assertThat(answer.getAvertissement()).isEmpty();
        ConsulterOrientationReponse status = client(FT_91_KEY).consulterOrientation(consult(answer.getIdentifiantOrientation()));
        assertThat(status.getIdentifiantOrientation()).isEqualTo(answer.getIdentifiantOrientation());
        assertThat(status.getReferenceFranceTravail()).isEqualTo("ORI-91027-0001");
        assertThat(status.getStatut()).isEqualTo(StatutOrientation.ACCEPTED);
        assertThat(status.getIdentifiantBeneficiaire()).isNotNull();
        assertThat(status.getVersion()).isEqualTo(1);
        assertThat(status.getHistorique().getChangement()).extracting(change -> change.getStatut())
                .contains(StatutOrientation.ACCEPTED);
        JsonNode canonical = Json.read(jdbc.sql("select canonical::text from referral where id = cast(:id as uuid)")
                .param("id", answer.getIdentifiantOrientation()).query(String.class).single());
        assertThat(canonical.at("/identity/birthName").asText()).isEqualTo("LUCAS");
        assertThat(canonical.at("/identity/birthDate").asText()).isEqualTo("1993-09-05");
        assertThat(canonical.at("/barriers").toString()).isEqualTo("[\"MOBILITE\",\"LOGEMENT\"]");
        assertThat(canonical.at("/employmentCounselor/structureCode").asText()).isEqualTo("91027");
        assertThat(canonical.at("/contact/phones/0").asText()).isEqualTo("+33745650450");
        assertThat(jdbc.sql("select channel from referral where id = cast(:id as uuid)")
                .param("id", answer.getIdentifiantOrientation()).query(String.class).single()).isEqualTo("SOAP");
    }

    @Test
    void sameReferenceTwiceIsTheSameOrientation() throws Exception {
        SoumettreOrientationReponse first = client(FT_91_KEY).soumettreOrientation(submit(lucasNoel("ORI-91027-0002")));
        SoumettreOrientationReponse second = client(FT_91_KEY).soumettreOrientation(submit(lucasNoel("ORI-91027-0002")));

        assertThat(second.getIdentifiantOrientation()).isEqualTo(first.getIdentifiantOrientation());
        assertThat(jdbc.sql("select count(*) from referral where partner_id = 'ft-91' and record_key = 'ORI-91027-0002'")
                .query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void acceptsANirWithAWrongKeyWithAWarning() throws Exception {
        Orientation orientation = lucasNoel("ORI-91027-0003");
        orientation.getIndividu().setNir("193092A07895671");

        SoumettreOrientationReponse answer = client(FT_91_KEY).soumettreOrientation(submit(orientation));

        assertThat(answer.getStatut()).isEqualTo(StatutOrientation.ACCEPTED);
        assertThat(answer.getAvertissement()).extracting(Anomalie::getChamp, Anomalie::getCode)
                .containsExactly(tuple("individu.nir", "NIR_INVALIDE"));
        assertThat(client(FT_91_KEY).consulterOrientation(consult(answer.getIdentifiantOrientation())).getAvertissement())
                .extracting(Anomalie::getChamp).containsExactly("individu.nir");
    }

    @Test
    void listsEveryProblemInOneOrientationInvalideFault() {
        Orientation orientation = lucasNoel("ORI-91027-0004");
        orientation.getIndividu().setPrenom(null);
        orientation.getIndividu().setDateNaissance(null);
        orientation.getIndividu().getAdresse().setCodePostal("9110");

        OrientationInvalide fault = catchThrowableOfType(OrientationInvalide.class,
                () -> client(FT_91_KEY).soumettreOrientation(submit(orientation)));

        assertThat(fault.getMessage()).startsWith("Orientation invalide");
        assertThat(fault.getFaultInfo().getErreur()).extracting(Anomalie::getChamp).containsExactlyInAnyOrder(
                "individu.prenom", "individu.dateNaissance", "individu.adresse.codePostal");
        assertThat(fault.getFaultInfo().getErreur()).allSatisfy(erreur -> assertThat(erreur.getMotif()).isNotBlank());
        assertThat(jdbc.sql("select count(*) from referral where record_key = 'ORI-91027-0004'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void refusesAContrainteCodeOutside23To29() {
        Orientation orientation = lucasNoel("ORI-91027-0005");
        orientation.getContrainte().get(1).setCode(99);

        OrientationInvalide fault = catchThrowableOfType(OrientationInvalide.class,
                () -> client(FT_91_KEY).soumettreOrientation(submit(orientation)));

        assertThat(fault.getFaultInfo().getErreur()).extracting(Anomalie::getChamp).containsExactly("contrainte.code");
    }

    @Test
    void keepsTheRawEnvelopeOfARejectedCall() {
        Orientation orientation = lucasNoel("ORI-91027-0006-REJETEE");
        orientation.getIndividu().setPrenom(null);

        assertThatThrownBy(() -> client(FT_91_KEY).soumettreOrientation(submit(orientation)))
                .isInstanceOf(OrientationInvalide.class);

        List<Map<String, Object>> rows = jdbc.sql("""
                        select id, channel, content_type, outcome, outcome_detail from raw_message
                        where partner_id = 'ft-91' and channel = 'SOAP' order by received_at desc""")
                .query().listOfRows();
        Map<String, Object> row = rows.stream()
                .filter(r -> new String(rawMessages.payload((UUID) r.get("id")).orElseThrow(), StandardCharsets.UTF_8)
                        .contains("ORI-91027-0006-REJETEE"))
                .findFirst().orElseThrow();
        assertThat(row.get("outcome")).isEqualTo("REJECTED");
        assertThat(row.get("outcome_detail")).isEqualTo("ORIENTATION_INVALIDE");
        assertThat((String) row.get("content_type")).startsWith("text/xml");
        assertThat(new String(rawMessages.payload((UUID) row.get("id")).orElseThrow(), StandardCharsets.UTF_8))
                .contains("Envelope", "soumettreOrientation", "LUCAS");
    }

    @Test
    void answersOrientationIntrouvableForAnUnknownIdOrAnotherPartnersOrientation() throws IOException {
        HttpResponse<String> aile = postJson("/api/v1/referrals", AILE_KEY, sample("aile/valid/AILE-20261120-001.json"));
        String aileReferral = Json.read(aile.body()).get("referralId").asText();

        for (String id : List.of(UUID.randomUUID().toString(), aileReferral)) {
            OrientationIntrouvable fault = catchThrowableOfType(OrientationIntrouvable.class,
                    () -> client(FT_91_KEY).consulterOrientation(consult(id)));
            assertThat(fault.getFaultInfo().getIdentifiantOrientation()).isEqualTo(id);
        }
    }

    @Test
    void refusesACallWithNeitherApiKeyNorUsernameTokenWithAFault() {
        assertThatThrownBy(() -> client(null).soumettreOrientation(submit(lucasNoel("ORI-91027-0007"))))
                .isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("authentification requise");
    }

    @Test
    void refusesAnUnknownApiKeyWithAFault() {
        assertThatThrownBy(() -> client("cle-inconnue").soumettreOrientation(submit(lucasNoel("ORI-91027-0011"))))
                .isInstanceOf(SOAPFaultException.class)
                .hasMessageContaining("authentification requise");
    }

    @Test
    void refusesAPartnerWithoutTheSoapChannel() {
        assertThatThrownBy(() -> client(AILE_KEY).soumettreOrientation(submit(lucasNoel("ORI-91027-0008"))))
                .isInstanceOf(WebServiceException.class)
                .hasMessageContaining("n'est pas autorisé");
        assertThat(jdbc.sql("select count(*) from raw_message where partner_id = 'aile' and channel = 'SOAP'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    void servesTheWsdlAndItsSchemaWithoutAKey() {
        HttpResponse<String> wsdl = get("/services/orientation?wsdl", null);
        HttpResponse<String> xsd = get("/services/orientation?xsd=orientation-v1.xsd", null);

        assertThat(wsdl.statusCode()).isEqualTo(200);
        assertThat(wsdl.body()).contains("urn:passerelle:orientation:v1", "soumettreOrientation", "consulterOrientation",
                "OrientationInvalide", "http://localhost:" + port + "/services/orientation");
        assertThat(xsd.statusCode()).isEqualTo(200);
        assertThat(xsd.body()).contains("referenceFranceTravail", "codeSafir");
    }

    @Test
    void refusesAnExternalEntityWithoutReadingTheLocalFile(@TempDir Path dir) throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "CONTENU-SECRET-LOCAL");
        String envelope = "<?xml version=\"1.0\"?>\n<!DOCTYPE soapenv:Envelope [ <!ENTITY xxe SYSTEM \""
                + secret.toUri() + "\"> ]>\n" + SoapContractTest.validEnvelope()
                .replaceFirst("<\\?xml[^>]*>", "")
                .replace("ORI-91027-RAW-0001", "&xxe;");

        HttpResponse<String> response = postSoap(FT_91_KEY, envelope);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("soap:Client", "refusée avant traitement", "DTD")
                .doesNotContain("CONTENU-SECRET-LOCAL");
        assertThat(jdbc.sql("select count(*) from referral where record_key like '%CONTENU-SECRET%'")
                .query(Integer.class).single()).isZero();
    }

    @Test
    @Timeout(20)
    void refusesEntityExpansion() {
        StringBuilder laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [ <!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            laughs.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        laughs.append("]>").append(SoapContractTest.validEnvelope().replaceFirst("<\\?xml[^>]*>", "")
                .replace("ORI-91027-RAW-0001", "&lol9;"));

        HttpResponse<String> response = postSoap(FT_91_KEY, laughs.toString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("Fault").doesNotContain("lollollol");
    }

    @Test
    void refusesMalformedXmlWithAFaultInFrench() {
        HttpResponse<String> response = postSoap(FT_91_KEY, SoapContractTest.validEnvelope()
                .replace("</ori:prenom>", "</ori:prenon>"));

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("soap:Client", "refusée avant traitement");
    }

    @Test
    void refusesAnOversizedEnvelopeBeforeParsingIt() {
        String envelope = SoapContractTest.validEnvelope()
                .replace("<soapenv:Header/>", "<soapenv:Header><!--" + "x".repeat(300_000) + "--></soapenv:Header>");

        HttpResponse<String> response = postSoap(FT_91_KEY, envelope);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).contains("trop volumineuse");
    }

    @Test
    void answersARawEnvelopeWithoutEchoingTheApiKey() {
        HttpResponse<String> response = postSoap(FT_91_KEY, SoapContractTest.validEnvelope());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("soumettreOrientationReponse", "ACCEPTED");
        assertThat(response.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("X-Api-Key"));
        assertThat(response.headers().map().values().toString()).doesNotContain(FT_91_KEY);
    }

    @Test
    void neverLogsPersonalData(CapturedOutput output) {
        Orientation valid = lucasNoel("ORI-91027-0009");
        Orientation invalid = lucasNoel("ORI-91027-0010");
        invalid.getIndividu().setDateNaissance(null);
        invalid.getIndividu().getAdresse().setCodePostal("9110");

        assertThat(catchThrowableOfType(Exception.class, () -> client(FT_91_KEY).soumettreOrientation(submit(valid))))
                .isNull();
        assertThatThrownBy(() -> client(FT_91_KEY).soumettreOrientation(submit(invalid)))
                .isInstanceOf(OrientationInvalide.class);

        assertThat(output.getAll()).doesNotContain(NIR, "LUCAS", "NOEL", "noel.lucas77", "0745650450", "1993-09-05",
                "CORBEIL");
    }

    /** LUCAS NOEL of the France Travail extract sample, oriented with contraintes 23 (mobilité) and 27 (logement). */
    static Orientation lucasNoel(String reference) {
        Individu individu = new Individu();
        individu.setIdentifiantFranceTravail("0657788E");
        individu.setNir(NIR);
        individu.setCivilite(Civilite.M);
        individu.setNomNaissance("LUCAS");
        individu.setPrenom("NOEL");
        individu.setDateNaissance(LocalDate.of(1993, 9, 5));
        individu.setTelephone("0745650450");
        individu.setCourriel("noel.lucas77@free.fr");
        Adresse adresse = new Adresse();
        adresse.setLigne("72 RUE DU GENERAL DE GAULLE");
        adresse.setCodePostal("91100");
        adresse.setCommune("CORBEIL-ESSONNES");
        individu.setAdresse(adresse);
        Conseiller conseiller = new Conseiller();
        conseiller.setNom("LENOIR");
        conseiller.setPrenom("PATRICE");
        conseiller.setCourriel("patrice.lenoir@francetravail.example.fr");
        conseiller.setCodeSafir("91027");
        Orientation orientation = new Orientation();
        orientation.setReferenceFranceTravail(reference);
        orientation.setIndividu(individu);
        orientation.setConseiller(conseiller);
        for (int code : new int[] {23, 27}) {
            Contrainte contrainte = new Contrainte();
            contrainte.setCode(code);
            orientation.getContrainte().add(contrainte);
        }
        orientation.setProjet("ACCOMPAGNEMENT A LA CREATION/REPRISE D'ENTREPRISE");
        orientation.setBeneficiaireRsa(false);
        orientation.setConsentementPartage(true);
        orientation.setDateOrientation(LocalDate.of(2026, 11, 15));
        return orientation;
    }

    static SoumettreOrientation submit(Orientation orientation) {
        SoumettreOrientation request = new SoumettreOrientation();
        request.setOrientation(orientation);
        return request;
    }

    static ConsulterOrientation consult(String id) {
        ConsulterOrientation request = new ConsulterOrientation();
        request.setIdentifiantOrientation(id);
        return request;
    }

    /** The generated client on the hub's random port; {@code apiKey} null sends no key. */
    private OrientationPortType client(String apiKey) {
        OrientationPortType client = new OrientationService().getOrientationPort();
        Map<String, Object> context = ((BindingProvider) client).getRequestContext();
        context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, uri("/services/orientation").toString());
        if (apiKey != null) {
            context.put(MessageContext.HTTP_REQUEST_HEADERS, Map.of("X-Api-Key", List.of(apiKey)));
        }
        return client;
    }

    private HttpResponse<String> postSoap(String apiKey, String envelope) {
        return send(HttpRequest.newBuilder(uri("/services/orientation"))
                .header("Content-Type", "text/xml; charset=UTF-8")
                .header("SOAPAction", "\"urn:passerelle:orientation:v1:soumettreOrientation\"")
                .header("X-Api-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(envelope, StandardCharsets.UTF_8)));
    }
}
