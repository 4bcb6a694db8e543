package fr.passerelle.hub.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * SECURITY: what the database must not hold in clear (the NIR, raw partner payloads) is sealed with AES-256-GCM
 * and a random IV. The NIR is matched through a keyed blind index (HMAC-SHA256), so equality search still uses
 * an index without the number ever being stored readable.
 */
@Component
public class DataProtector {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec dataKey;
    private final SecretKeySpec indexKey;
    private final SecureRandom random = new SecureRandom();

    public DataProtector(ProtectionProperties properties) {
        byte[] key = Base64.getDecoder().decode(properties.dataKey());
        if (key.length != 32) {
            throw new IllegalStateException("passerelle.protection.data-key must be 32 bytes, base64-encoded");
        }
        this.dataKey = new SecretKeySpec(key, "AES");
        this.indexKey = new SecretKeySpec(properties.nirIndexKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public byte[] seal(byte[] clear) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(clear);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    public byte[] open(byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, dataKey, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
            return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed (wrong passerelle.protection.data-key?)", e);
        }
    }

    public byte[] sealText(String clear) {
        return clear == null ? null : seal(clear.getBytes(StandardCharsets.UTF_8));
    }

    public String openText(byte[] sealed) {
        return sealed == null ? null : new String(open(sealed), StandardCharsets.UTF_8);
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
