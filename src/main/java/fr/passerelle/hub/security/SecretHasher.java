package fr.passerelle.hub.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Partner secrets are stored as SHA-256 digests. API keys are long random strings in production, so a fast
 * digest is enough and lets the hub find the partner by the digest of the presented key in one indexed lookup.
 */
public final class SecretHasher {

    private SecretHasher() {
    }

    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
