package fr.passerelle.hub.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.mapping.UnusablePayloadException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoapContractTest {

    private static final SoapContract CONTRACT = SoapContract.fromClasspath("wsdl/orientation-v1.xsd");
    private static final String BASE = "soumettreOrientation.orientation";

    static String validEnvelope() {
        try (InputStream in = SoapContractTest.class.getResourceAsStream("/soap/orientation-valide.xml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void acceptsTheValidOrientation() {
        assertThat(violations(validEnvelope())).isEmpty();
    }

    @Test
    void namesEachMissingFieldByItsPath() {
        String envelope = validEnvelope()
                .replace("<ori:prenom>NOEL</ori:prenom>", "")
                .replace("<ori:codeSafir>91027</ori:codeSafir>", "");

        assertThat(violations(envelope)).extracting(FieldIssue::field, FieldIssue::code).containsExactly(
                tuple("individu.prenom", "ELEMENT_MANQUANT"), tuple("conseiller.codeSafir", "ELEMENT_MANQUANT"));
    }

    @Test
    void reportsEveryFacetViolationInFrenchWithItsField() {
        String envelope = validEnvelope()
                .replace("<ori:codePostal>91100</ori:codePostal>", "<ori:codePostal>9110</ori:codePostal>")
                .replace("<ori:civilite>M</ori:civilite>", "<ori:civilite>MLLE</ori:civilite>")
                .replace("<ori:code>27</ori:code>", "<ori:code>99</ori:code>")
                .replace("<ori:dateNaissance>1993-09-05</ori:dateNaissance>",
                        "<ori:dateNaissance>05/09/1993</ori:dateNaissance>")
                .replace("<ori:nomNaissance>LUCAS</ori:nomNaissance>", "<ori:nomNaissance>  </ori:nomNaissance>");

        List<FieldIssue> violations = violations(envelope);

        assertThat(violations).extracting(FieldIssue::field).containsExactly("individu.civilite",
                "individu.nomNaissance", "individu.dateNaissance", "individu.adresse.codePostal", "contrainte.code");
        assertThat(violations).extracting(FieldIssue::message).containsExactly(
                "valeur non autorisée (valeurs admises : MME, M)",
                "valeur vide ou trop courte",
                "date invalide (format attendu : AAAA-MM-JJ)",
                "format invalide (format attendu : [0-9]{5})",
                "valeur supérieure au maximum autorisé (29)");
    }

    @Test
    void namesAnElementTheContractDoesNotKnow() {
        String envelope = validEnvelope().replace("<ori:projet>", "<ori:commentaire>x</ori:commentaire><ori:projet>");

        assertThat(violations(envelope)).singleElement().satisfies(issue -> {
            assertThat(issue.field()).isEqualTo("commentaire");
            assertThat(issue.code()).isEqualTo("ELEMENT_INCONNU");
        });
    }

    @Test
    void namesAMisplacedElementAsTheOneMissingBeforeIt() {
        String envelope = validEnvelope().replace("<ori:civilite>M</ori:civilite>", "")
                .replace("<ori:nomNaissance>", "<ori:civilite>M</ori:civilite><ori:nomNaissance>")
                .replaceFirst("<ori:civilite>M</ori:civilite><ori:nomNaissance>LUCAS</ori:nomNaissance>",
                        "<ori:nomNaissance>LUCAS</ori:nomNaissance><ori:civilite>M</ori:civilite>");

        assertThat(violations(envelope)).singleElement().satisfies(issue -> {
            assertThat(issue.field()).isEqualTo("individu.civilite");
            assertThat(issue.message()).contains("« civilite »", "« nomNaissance »");
        });
    }

    @Test
    void namesTheMissingOrientationItself() {
        String envelope = validEnvelope().replaceAll("(?s)<ori:orientation>.*</ori:orientation>", "");

        assertThat(violations(envelope)).extracting(FieldIssue::field).containsExactly("orientation");
    }

    @Test
    void refusesADoctype() {
        String envelope = "<!DOCTYPE x [ <!ENTITY e \"e\"> ]>" + validEnvelope().replaceFirst("<\\?xml[^>]*>", "");

        assertThatThrownBy(() -> violations(envelope)).isInstanceOf(UnusablePayloadException.class);
    }

    private static List<FieldIssue> violations(String envelope) {
        return CONTRACT.violations(envelope.getBytes(StandardCharsets.UTF_8), BASE);
    }
}
