package fr.passerelle.hub.canonical;

public record Address(String line, String postalCode, String commune, String inseeCode) {

    public boolean empty() {
        return line == null && postalCode == null && commune == null && inseeCode == null;
    }
}
