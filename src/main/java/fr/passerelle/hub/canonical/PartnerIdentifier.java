package fr.passerelle.hub.canonical;

/** An identifier as issued by a partner ({@code issuer} is the partner id, or "france-travail" for the FT id). */
public record PartnerIdentifier(IdentifierKind kind, String issuer, String value) {
}
