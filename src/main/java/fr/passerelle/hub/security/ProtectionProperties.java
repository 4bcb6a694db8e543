package fr.passerelle.hub.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dataKey        AES-256 key (base64, 32 bytes) sealing NIRs and raw payloads at rest: the current key, which
 *                       seals every new value
 * @param dataKeyId      the current key's id, written in every value it seals (a rotation gives the new key a new id)
 * @param retiredDataKey earlier keys, {@code <id>:<base64>}, still opening the values they sealed until a rotation
 *                       re-seals them ({@code POST /api/v1/ops/data-keys/reseal}); empty when there are none
 * @param nirIndexKey    HMAC key of the NIR blind index used to match
 * @param digestKey      HMAC key of the digests of personal content (a referral's content, NIR included), so that a
 *                       digest read from the database cannot be used to test guesses
 */
@ConfigurationProperties("passerelle.protection")
public record ProtectionProperties(String dataKey, @DefaultValue("k1") String dataKeyId,
                                   @DefaultValue List<String> retiredDataKey, String nirIndexKey, String digestKey) {

    public ProtectionProperties {
        retiredDataKey = retiredDataKey == null ? List.of() : List.copyOf(retiredDataKey);
    }
}
