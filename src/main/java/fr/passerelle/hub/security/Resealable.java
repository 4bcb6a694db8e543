package fr.passerelle.hub.security;

/**
 * Sealed columns a module owns, which it re-seals with the current data key when the key is rotated
 * ({@link KeyRotation}). Each module rewrites only its own tables.
 */
public interface Resealable {

    /** What is re-sealed, for the rotation's report (e.g. {@code referral.nir_sealed}). */
    String sealedColumns();

    /** Re-seals every value the current key did not seal; returns how many. Idempotent, resumable. */
    int resealWithCurrentKey();
}
