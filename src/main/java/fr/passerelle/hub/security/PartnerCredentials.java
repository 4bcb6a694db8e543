package fr.passerelle.hub.security;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Answers "which partner holds this secret?" from the hashed credentials table. */
@Component
public class PartnerCredentials {

    private final JdbcClient jdbc;

    public PartnerCredentials(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> partnerForApiKey(String apiKey) {
        return partnerFor("API_KEY", apiKey);
    }

    public boolean sftpPasswordMatches(String partnerId, String password) {
        return partnerFor("SFTP_PASSWORD", password).filter(partnerId::equals).isPresent();
    }

    private Optional<String> partnerFor(String kind, String secret) {
        if (secret == null || secret.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql("select partner_id from partner_credential where kind = :k and secret_hash = :h")
                .param("k", kind).param("h", SecretHasher.hash(secret))
                .query(String.class).optional();
    }
}
