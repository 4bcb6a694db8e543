package fr.passerelle.hub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param dataKey     AES-256 key (base64, 32 bytes) sealing NIRs and raw payloads at rest
 * @param nirIndexKey HMAC key of the NIR blind index used to match
 */
@ConfigurationProperties("passerelle.protection")
record ProtectionProperties(String dataKey, String nirIndexKey) {
}
