package fr.passerelle.hub.testsupport;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A referral from association AILE for a person of the test's making: one of AILE's samples with a reference of its
 * own and neither NIR nor France Travail id, so that it matches nobody unless the test says so. Post it with
 * {@link HubIntegrationTest#referNewPersonAsAile}.
 */
public final class AileReferral {

    private final ObjectNode root;

    private AileReferral(String sample) {
        root = (ObjectNode) Json.read(PartnerSamples.sample("aile/valid/" + sample + ".json"));
        root.put("reference", "AILE-TEST-" + UUID.randomUUID());
        person().putNull("nir");
        person().putNull("franceTravailId");
    }

    /** AILE's first sample (a man born in 1993 at Corbeil-Essonnes, with a social worker, consent given). */
    public static AileReferral newPerson() {
        return basedOn("AILE-20261120-001");
    }

    /** Another of AILE's samples, by its reference, when the person's other details matter to the test. */
    public static AileReferral basedOn(String sampleReference) {
        return new AileReferral(sampleReference);
    }

    public String reference() {
        return root.get("reference").asText();
    }

    public AileReferral reference(String reference) {
        root.put("reference", reference);
        return this;
    }

    public AileReferral firstName(String firstName) {
        person().put("firstName", firstName);
        return this;
    }

    public AileReferral lastName(String lastName) {
        person().put("lastName", lastName);
        return this;
    }

    public AileReferral birthDate(LocalDate birthDate) {
        person().put("birthDate", birthDate.toString());
        return this;
    }

    public AileReferral email(String email) {
        person().put("email", email);
        return this;
    }

    public AileReferral phone(String phone) {
        person().put("phone", phone);
        return this;
    }

    public AileReferral postalCode(String postalCode) {
        ((ObjectNode) person().get("address")).put("postalCode", postalCode);
        return this;
    }

    public AileReferral commune(String city) {
        ((ObjectNode) person().get("address")).put("city", city);
        return this;
    }

    public AileReferral nir(String nir) {
        person().put("nir", nir);
        return this;
    }

    public AileReferral franceTravailId(String franceTravailId) {
        person().put("franceTravailId", franceTravailId);
        return this;
    }

    public AileReferral consent(boolean dataSharing) {
        ((ObjectNode) root.get("consent")).put("dataSharing", dataSharing);
        return this;
    }

    public AileReferral consentCollectedAt(java.time.LocalDate collectedAt) {
        ((ObjectNode) root.get("consent")).put("collectedAt", collectedAt.toString());
        return this;
    }

    public AileReferral withoutSocialWorker() {
        root.putNull("socialWorker");
        return this;
    }

    public byte[] json() {
        return Json.bytes(root);
    }

    private ObjectNode person() {
        return (ObjectNode) root.get("beneficiary");
    }
}
