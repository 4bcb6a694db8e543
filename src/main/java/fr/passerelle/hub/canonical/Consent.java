package fr.passerelle.hub.canonical;

import java.time.LocalDate;

/** Consent to share the person's data across the network, with when and through whom it was collected. */
public record Consent(Boolean dataSharing, LocalDate collectedAt, String source) {

    public boolean given() {
        return Boolean.TRUE.equals(dataSharing);
    }
}
