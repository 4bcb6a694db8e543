package fr.passerelle.hub.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * SECURITY: what the database must not hold in clear (the NIR, raw partner payloads) is sealed with AES-256-GCM
 * and a random IV. A sealed value names the key that sealed it ({@code passerelle.protection.data-key-id}), so the
 * key can be rotated: the current key seals, retired keys still open what they sealed until a rotation re-seals it
 * ({@link KeyRotation}). A value may be bound to its row ({@code boundTo}, e.g. {@code referral:<id>}): the binding and
 * the key id are the cipher's associated data, so a sealed value copied into another row, or relabelled with another
 * key id, does not open. The NIR is matched through a keyed blind index (HMAC-SHA256), so equality search still
 * uses an index without the number ever being stored readable.
 * <p>
 * Format: {@code "PS1"}, the key id's length (one byte), the key id, the IV (12 bytes), the ciphertext and tag.
 * Values sealed before key ids existed (IV and ciphertext only, no associated data) are still opened, with the
 * current or a retired key, and re-sealed by a rotation.
 */
@Component
public class DataProtector {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] MAGIC = "PS1".getBytes(StandardCharsets.US_ASCII);

    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final byte[] currentPrefix;
    private final SecretKeySpec indexKey;
    private final SecretKeySpec digestKey;
    private final SecureRandom random = new SecureRandom();

    public DataProtector(ProtectionProperties properties) {
        this.currentKeyId = properties.dataKeyId();
        if (currentKeyId == null || currentKeyId.isBlank() || currentKeyId.length() > 32 || currentKeyId.contains(":")) {
            throw new IllegalStateException("passerelle.protection.data-key-id must be 1 to 32 characters, without ':'");
        }
        keys.put(currentKeyId, aesKey(properties.dataKey(), "passerelle.protection.data-key"));
        for (String retired : properties.retiredDataKey()) {
            int colon = retired.indexOf(':');
            if (colon < 1) {
                throw new IllegalStateException("passerelle.protection.retired-data-key entries are <id>:<base64 key>");
            }
            keys.putIfAbsent(retired.substring(0, colon), aesKey(retired.substring(colon + 1),
                    "passerelle.protection.retired-data-key " + retired.substring(0, colon)));
        }
        this.currentPrefix = prefix(currentKeyId);
        this.indexKey = new SecretKeySpec(properties.nirIndexKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        if (properties.digestKey() == null || properties.digestKey().isBlank()) {
            throw new IllegalStateException("passerelle.protection.digest-key must be set");
        }
        this.digestKey = new SecretKeySpec(properties.digestKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    private static SecretKeySpec aesKey(String base64, String setting) {
        byte[] key = base64 == null ? new byte[0] : Base64.getDecoder().decode(base64.strip());
        if (key.length != 32) {
            throw new IllegalStateException(setting + " must be 32 bytes, base64-encoded");
        }
        return new SecretKeySpec(key, "AES");
    }

    private static byte[] prefix(String keyId) {
        byte[] id = keyId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(MAGIC.length + 1 + id.length).put(MAGIC).put((byte) id.length).put(id).array();
    }

    /** Seals a value bound to nothing in particular (raw payloads, file cells): prefer {@link #seal(byte[], String)}. */
    public byte[] seal(byte[] clear) {
        return seal(clear, "");
    }

    /** Seals with the current key, bound to {@code boundTo} (the row it is written to). */
    public byte[] seal(byte[] clear, String boundTo) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(associatedData(currentKeyId, boundTo));
            byte[] sealed = cipher.doFinal(clear);
            return ByteBuffer.allocate(currentPrefix.length + IV_BYTES + sealed.length).put(currentPrefix).put(iv)
                    .put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public byte[] open(byte[] sealed) {
        return open(sealed, "");
    }

    /** Opens a value sealed by the current or a retired key for this binding; fails for any other row's value. */
    public byte[] open(byte[] sealed, String boundTo) {
        String keyId = keyIdOf(sealed);
        if (keyId != null && keys.containsKey(keyId)) {
            int offset = MAGIC.length + 1 + sealed[MAGIC.length];
            try {
                return decrypt(keys.get(keyId), sealed, offset, associatedData(keyId, boundTo));
            } catch (GeneralSecurityException e) {
                // sealed for another row, altered, or a value without key id that happens to look like one
            }
        }
        // Sealed before key ids: IV and ciphertext, no associated data, by one of the configured keys.
        for (SecretKeySpec key : keys.values()) {
            try {
                return decrypt(key, sealed, 0, null);
            } catch (GeneralSecurityException e) {
                // not this key
            }
        }
        throw new IllegalStateException("decryption failed: sealed for another row, altered, or by a key not "
                + "configured (" + (keyId == null ? "value without key id" : "key id " + keyId)
                + "; passerelle.protection.data-key / retired-data-key)");
    }

    private static byte[] decrypt(SecretKeySpec key, byte[] sealed, int offset, byte[] associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, offset, IV_BYTES));
        if (associatedData != null) {
            cipher.updateAAD(associatedData);
        }
        return cipher.doFinal(sealed, offset + IV_BYTES, sealed.length - offset - IV_BYTES);
    }

    private static byte[] associatedData(String keyId, String boundTo) {
        return ("passerelle-seal-v1|" + keyId + "|" + boundTo).getBytes(StandardCharsets.UTF_8);
    }

    /** The id of the key that sealed this value; null for a value sealed before key ids existed. */
    public static String keyIdOf(byte[] sealed) {
        if (sealed.length < MAGIC.length + 1 || sealed[0] != MAGIC[0] || sealed[1] != MAGIC[1] || sealed[2] != MAGIC[2]) {
            return null;
        }
        int length = sealed[MAGIC.length];
        if (length < 1 || sealed.length < MAGIC.length + 1 + length + IV_BYTES) {
            return null;
        }
        return new String(sealed, MAGIC.length + 1, length, StandardCharsets.UTF_8);
    }

    /** The bytes every value sealed by the current key starts with: what a rotation looks for in SQL. */
    public byte[] currentKeyPrefix() {
        return currentPrefix.clone();
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    /** The value sealed again with the current key, same binding; unchanged if the current key sealed it. */
    public byte[] reseal(byte[] sealed, String boundTo) {
        if (currentKeyId.equals(keyIdOf(sealed))) {
            return sealed;
        }
        return seal(open(sealed, boundTo), boundTo);
    }

    public byte[] sealText(String clear) {
        return sealText(clear, "");
    }

    public byte[] sealText(String clear, String boundTo) {
        return clear == null ? null : seal(clear.getBytes(StandardCharsets.UTF_8), boundTo);
    }

    public String openText(byte[] sealed) {
        return openText(sealed, "");
    }

    public String openText(byte[] sealed, String boundTo) {
        return sealed == null ? null : new String(open(sealed, boundTo), StandardCharsets.UTF_8);
    }

    /**
     * SECURITY: the digest of personal content (hex), keyed: HMAC-SHA256 over the content's SHA-256. Unkeyed, the
     * digest of a referral whose other fields sit beside it in clear lets anyone reading the database test NIR
     * guesses (about 10^8 with sex and birth month known). Keying the SHA-256 rather than the content lets rows
     * digested before the key existed be re-keyed from their stored digest alone ({@link #keyedDigest(String)}).
     */
    public String contentDigest(String content) {
        return keyedDigest(Digests.sha256(content.getBytes(StandardCharsets.UTF_8)));
    }

    /** Re-keys an unkeyed hex SHA-256 into the {@link #contentDigest} of the same content. */
    public String keyedDigest(String unkeyedSha256Hex) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(digestKey);
            return HexFormat.of().formatHex(mac.doFinal(HexFormat.of().parseHex(unkeyedSha256Hex)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("content digest failed", e);
        }
    }

    /** Blind index of a NIR on its 13-digit body, so that the 13- and 15-character forms meet. */
    public String nirIndex(String nir) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(indexKey);
            return HexFormat.of().formatHex(mac.doFinal(nir.substring(0, 13).getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("NIR index failed", e);
        }
    }
}
