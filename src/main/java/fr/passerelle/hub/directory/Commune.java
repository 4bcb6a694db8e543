package fr.passerelle.hub.directory;

import java.util.List;

/** A commune of the official geographic code (COG): its INSEE code, name, postal codes, EPCI and département. */
public record Commune(String inseeCode, String name, List<String> postalCodes, String epci, String departement) {

    public Commune {
        postalCodes = List.copyOf(postalCodes);
    }
}
