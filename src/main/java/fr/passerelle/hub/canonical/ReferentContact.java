package fr.passerelle.hub.canonical;

/** A professional as a referral names them. {@code structureCode} is e.g. France Travail's SAFIR code. */
public record ReferentContact(String firstName, String lastName, String email, String phone, String structure,
                              String structureCode) {

    public boolean empty() {
        return firstName == null && lastName == null && email == null && phone == null;
    }

    public boolean reachable() {
        return email != null || phone != null;
    }
}
