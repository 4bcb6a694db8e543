package fr.passerelle.hub.handoff.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.handoff.Handoff;
import fr.passerelle.hub.handoff.HandoffStatus;
import fr.passerelle.hub.handoff.soap.contract.v1.Relais;
import fr.passerelle.hub.partner.Channel;
import fr.passerelle.hub.testsupport.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RelaisMapperTest {

    private static final UUID ID = UUID.fromString("0b6c1f4e-3d2a-4c55-9a51-1f0c2b7d8e90");

    @Test
    void sharesThePersonsDetailsAndFranceTravailIdOnlyWhenThePayloadCarriesThem() throws Exception {
        Relais shared = RelaisMapper.request(handoff("""
                {"handoffId":"%s","createdAt":"2026-11-20T09:00:00Z","beneficiary":{"id":"%s","consentGiven":true,
                 "firstNames":"Léa","lastName":"Martin","birthDate":"1986-03-02","phones":["+33612345678"],
                 "postalCode":"91240","commune":"Saint-Michel-sur-Orge"},
                 "event":{"type":"BARRIER_REPORTED","occurredAt":"2026-11-20T10:00:00+01:00","barrier":"MOBILITE"}}
                """), "1234567K").getRelais();
        assertThat(shared.getIdentifiantRelais()).isEqualTo(ID.toString());
        assertThat(shared.getBeneficiaire().getNom()).isEqualTo("Martin");
        assertThat(shared.getBeneficiaire().getDateNaissance()).isEqualTo(LocalDate.of(1986, 3, 2));
        assertThat(shared.getBeneficiaire().getIdentifiantFranceTravail()).isEqualTo("1234567K");
        assertThat(shared.getEvenement().getFrein()).isEqualTo("MOBILITE");

        Relais withheld = RelaisMapper.request(handoff("""
                {"handoffId":"%s","beneficiary":{"id":"%s","consentGiven":false}}
                """), "1234567K").getRelais();
        assertThat(withheld.getBeneficiaire().isConsentementPartage()).isFalse();
        assertThat(withheld.getBeneficiaire().getIdentifiantFranceTravail()).isNull();
        assertThat(withheld.getBeneficiaire().getNom()).isNull();
    }

    @Test
    void leavesOutValuesTheContractCannotCarryRatherThanFailingEveryAttempt() throws Exception {
        Relais relais = RelaisMapper.request(handoff("""
                {"handoffId":"%s","beneficiary":{"id":"%s","consentGiven":true,"firstNames":"Léa",
                 "postalCode":"2A004","birthDate":"hier"},"reminderOf":"%s"}
                """), "not-an-id").getRelais();
        assertThat(relais.getBeneficiaire().getCodePostal()).isNull();
        assertThat(relais.getBeneficiaire().getDateNaissance()).isNull();
        assertThat(relais.getBeneficiaire().getIdentifiantFranceTravail()).isNull();
        assertThat(relais.getRelanceDe()).isEqualTo(ID.toString());
    }

    private static Handoff handoff(String payload) throws Exception {
        UUID person = UUID.randomUUID();
        JsonNode json = Json.read(payload.formatted(ID, person, ID));
        return new Handoff(ID, person, "BARRIER_REPORTED", "barrier-employment", "Frein signalé : Mobilité.", "…",
                "referent:julie.morel@francetravail.example.fr", "EMPLOYMENT_COUNSELOR", "Julie Morel",
                "julie.morel@francetravail.example.fr", "France Travail", "ft-91", Channel.SOAP, HandoffStatus.PENDING,
                null, 1, null, Instant.now(), null, null, null, null, 0, json);
    }
}
