package fr.passerelle.hub.partner;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The partner network as configured: {@code passerelle.partners.<partner id>}. */
@ConfigurationProperties("passerelle")
public record PartnerProperties(Map<String, PartnerSettings> partners) {

    public PartnerProperties {
        partners = partners == null ? Map.of() : Map.copyOf(partners);
    }

    /**
     * @param sftpPublicKeys OpenSSH public-key lines ({@code ecdsa-sha2-nistp256 AAAA… comment}) that may log in to
     *                       the hub's SFTP server as this partner, besides or instead of {@code sftpPassword}
     * @param previousApiKey the key this partner may still send while it moves to {@code apiKey} (a rotation); removed
     *                       from configuration once it has moved
     * @param expectedCadence the longest the partner may stay silent (no message on any channel) before the
     *                        operators are alerted ({@code alert}); none: never
     */
    public record PartnerSettings(String name, PartnerKind kind, String apiKey, String sftpPassword,
                                  List<Channel> inbound, Channel outbound, List<String> sftpPublicKeys,
                                  String previousApiKey, Duration expectedCadence) {
        public PartnerSettings {
            inbound = inbound == null ? List.of() : List.copyOf(inbound);
            sftpPublicKeys = sftpPublicKeys == null ? List.of() : List.copyOf(sftpPublicKeys);
        }
    }
}
