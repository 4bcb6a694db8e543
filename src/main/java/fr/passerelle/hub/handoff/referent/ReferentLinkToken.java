package fr.passerelle.hub.handoff.referent;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The token of a referent link: {@code <handoff id>.<expiry, epoch seconds>.<signature>}, the signature being the
 * base64url HMAC-SHA256 of the purpose, the handoff id, the recipient key and the expiry. It names one handoff and
 * one recipient, and stops working at its expiry.
 */
public final class ReferentLinkToken {

    // SECURITY: the purpose is signed too, so a signature made with the same key for anything else never opens a page.
    private static final String PURPOSE = "passerelle/referent-handoff-link/v1";
    private static final Pattern SHAPE = Pattern.compile(
            "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\.(\\d{1,12})\\.([A-Za-z0-9_-]{43})");

    private ReferentLinkToken() {
    }

    /** What a well-formed token claims, before its signature is checked. */
    public record Claims(UUID handoffId, Instant expiresAt, String signature) {
    }

    public static String sign(byte[] key, UUID handoffId, String recipientKey, Instant expiresAt) {
        long expiry = expiresAt.getEpochSecond();
        return handoffId + "." + expiry + "." + signature(key, handoffId, recipientKey, expiry);
    }

    /** Empty for anything that is not shaped like a token (nothing else is looked at). */
    public static Optional<Claims> parse(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        Matcher matcher = SHAPE.matcher(token);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new Claims(UUID.fromString(matcher.group(1)),
                Instant.ofEpochSecond(Long.parseLong(matcher.group(2))), matcher.group(3)));
    }

    /** True if the token was signed with this key for this handoff and this recipient, whatever its expiry. */
    public static boolean signedFor(byte[] key, Claims claims, String recipientKey) {
        String expected = signature(key, claims.handoffId(), recipientKey, claims.expiresAt().getEpochSecond());
        // SECURITY: constant-time comparison, so the signature cannot be guessed byte by byte from response times.
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                claims.signature().getBytes(StandardCharsets.US_ASCII));
    }

    /** SHA-256 of the token, hex: what is stored, never the token. */
    public static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String signature(byte[] key, UUID handoffId, String recipientKey, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] input = (PURPOSE + "\n" + handoffId + "\n" + recipientKey + "\n" + expiry)
                    .getBytes(StandardCharsets.UTF_8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(input));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
