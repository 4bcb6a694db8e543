package fr.passerelle.hub.handoff.channel;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.handoff.Handoff;
import fr.passerelle.hub.handoff.soap.contract.v1.Beneficiaire;
import fr.passerelle.hub.handoff.soap.contract.v1.Conseiller;
import fr.passerelle.hub.handoff.soap.contract.v1.Erreur;
import fr.passerelle.hub.handoff.soap.contract.v1.Evenement;
import fr.passerelle.hub.handoff.soap.contract.v1.RecevoirRelais;
import fr.passerelle.hub.handoff.soap.contract.v1.Rejet;
import fr.passerelle.hub.handoff.soap.contract.v1.Relais;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * A handoff as France Travail's {@code recevoirRelais} request. The payload stored in the outbox already holds only
 * what consent allows (handoff/HandoffPayload); this mapping adds nothing personal to it except France Travail's
 * own identifier of the person, and only when the payload carries the person's details anyway.
 */
final class RelaisMapper {

    private static final Pattern POSTAL_CODE = Pattern.compile("[0-9]{5}");
    private static final Pattern FT_ID = Pattern.compile("[0-9A-Z]{7,11}");
    private static final int MAX_TEXT = 2000;

    private RelaisMapper() {
    }

    /**
     * @param franceTravailId the person's France Travail identifier of record, null if none
     */
    static RecevoirRelais request(Handoff handoff, String franceTravailId) {
        JsonNode payload = handoff.payload();
        Relais relais = new Relais();
        relais.setIdentifiantRelais(handoff.id().toString());
        relais.setRelanceDe(text(payload, "reminderOf"));
        relais.setDeclencheur(handoff.trigger());
        relais.setRegle(handoff.ruleId());
        relais.setMotif(truncate(handoff.reason()));
        relais.setDateEmission(dateTime(text(payload, "createdAt"), handoff.createdAt() == null ? null
                : handoff.createdAt().atOffset(ZoneOffset.UTC)));
        relais.setConseiller(conseiller(handoff));
        JsonNode person = payload.path("beneficiary");
        if (person.isObject()) {
            relais.setBeneficiaire(beneficiaire(person, franceTravailId));
        }
        JsonNode event = payload.path("event");
        if (event.isObject()) {
            Evenement evenement = new Evenement();
            evenement.setType(text(event, "type"));
            evenement.setDateEvenement(dateTime(text(event, "occurredAt"), null));
            evenement.setFrein(text(event, "barrier"));
            evenement.setIssue(text(event, "outcome"));
            relais.setEvenement(evenement);
        }
        JsonNode rejection = payload.path("rejection");
        if (rejection.isObject()) {
            relais.setRejet(rejet(rejection));
        }
        RecevoirRelais request = new RecevoirRelais();
        request.setRelais(relais);
        return request;
    }

    private static Conseiller conseiller(Handoff handoff) {
        Conseiller conseiller = new Conseiller();
        conseiller.setNom(truncate(handoff.recipientName()));
        conseiller.setCourriel(truncate(handoff.recipientEmail()));
        conseiller.setStructure(truncate(handoff.recipientStructure()));
        conseiller.setRole(handoff.recipientRole());
        return conseiller;
    }

    private static Beneficiaire beneficiaire(JsonNode person, String franceTravailId) {
        Beneficiaire beneficiaire = new Beneficiaire();
        beneficiaire.setIdentifiantPasserelle(text(person, "id"));
        beneficiaire.setConsentementPartage(person.path("consentGiven").asBoolean(false));
        // SECURITY: the payload carries the person's names only when consent or France Travail's own knowledge of
        // the person allows it; its identifier of the person follows the same rule.
        boolean shareable = person.has("firstNames") || person.has("lastName");
        if (!shareable) {
            return beneficiaire;
        }
        if (franceTravailId != null && FT_ID.matcher(franceTravailId).matches()) {
            beneficiaire.setIdentifiantFranceTravail(franceTravailId);
        }
        beneficiaire.setNom(truncate(text(person, "lastName")));
        beneficiaire.setPrenoms(truncate(text(person, "firstNames")));
        String birthDate = text(person, "birthDate");
        if (birthDate != null) {
            try {
                beneficiaire.setDateNaissance(LocalDate.parse(birthDate));
            } catch (DateTimeParseException e) {
                // Left out rather than failing every attempt on a value the contract cannot carry.
            }
        }
        for (JsonNode phone : person.path("phones")) {
            if (beneficiaire.getTelephone().size() < 5) {
                beneficiaire.getTelephone().add(truncate(phone.asText()));
            }
        }
        beneficiaire.setCourriel(truncate(text(person, "email")));
        String postalCode = text(person, "postalCode");
        if (postalCode != null && POSTAL_CODE.matcher(postalCode).matches()) {
            beneficiaire.setCodePostal(postalCode);
        }
        beneficiaire.setCommune(truncate(text(person, "commune")));
        return beneficiaire;
    }

    private static Rejet rejet(JsonNode rejection) {
        Rejet rejet = new Rejet();
        rejet.setReferencePartenaire(truncate(text(rejection, "recordKey")));
        if (rejection.path("position").canConvertToInt()) {
            rejet.setPosition(rejection.path("position").asInt());
        }
        for (JsonNode error : rejection.path("errors")) {
            Erreur erreur = new Erreur();
            erreur.setChamp(truncate(error.path("field").asText("")));
            erreur.setCode(error.path("code").asText("INCONNU"));
            erreur.setMotif(truncate(error.path("message").asText("")));
            rejet.getErreur().add(erreur);
        }
        return rejet;
    }

    private static OffsetDateTime dateTime(String text, OffsetDateTime fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.Instant.parse(text).atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return fallback;
            }
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static String truncate(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
