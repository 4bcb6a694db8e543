package fr.passerelle.hub.sftp;

import fr.passerelle.hub.partner.PartnerProperties;
import fr.passerelle.hub.security.PartnerCredentials;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.server.auth.password.PasswordAuthenticator;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.session.ServerSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The SFTP accounts: one per partner that has an SFTP password or public key configured, user name = partner id.
 * Passwords are checked against their stored hash ({@link PartnerCredentials}); public keys are the OpenSSH lines of
 * {@code passerelle.partners.<id>.sftp-public-keys}, read at start-up so a malformed line stops the hub.
 */
@Component
class PartnerAccounts implements PasswordAuthenticator, PublickeyAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(PartnerAccounts.class);

    private final PartnerCredentials credentials;
    private final Set<String> accounts;
    private final Map<String, List<PublicKey>> publicKeys;

    public PartnerAccounts(PartnerProperties properties, PartnerCredentials credentials) {
        this.credentials = credentials;
        Set<String> withAccount = new TreeSet<>();
        Map<String, List<PublicKey>> keys = new TreeMap<>();
        properties.partners().forEach((partnerId, settings) -> {
            List<PublicKey> parsed = settings.sftpPublicKeys().stream()
                    .map(line -> parse(partnerId, line))
                    .toList();
            if (!parsed.isEmpty()) {
                keys.put(partnerId, parsed);
            }
            if (!parsed.isEmpty() || (settings.sftpPassword() != null && !settings.sftpPassword().isBlank())) {
                withAccount.add(partnerId);
            }
        });
        this.accounts = Set.copyOf(withAccount);
        this.publicKeys = Map.copyOf(keys);
    }

    /** Partner ids that may log in; each gets a home with {@code inbox/} and {@code outbox/}. */
    public Set<String> partnerIds() {
        return accounts;
    }

    @Override
    public boolean authenticate(String username, String password, ServerSession session) {
        if (!accounts.contains(username)) {
            refused(null, "unknown account");
            return false;
        }
        if (!credentials.sftpPasswordMatches(username, password)) {
            // SECURITY: the partner id only; never the password tried.
            refused(username, "wrong password");
            return false;
        }
        log.info("SFTP login of partner {} (password)", username);
        return true;
    }

    @Override
    public boolean authenticate(String username, PublicKey key, ServerSession session) {
        if (!accounts.contains(username)) {
            refused(null, "unknown account");
            return false;
        }
        boolean known = publicKeys.getOrDefault(username, List.of()).stream()
                .anyMatch(registered -> KeyUtils.compareKeys(registered, key));
        if (!known) {
            // Clients offer each of their keys in turn: an unknown key is not yet a failed login.
            log.debug("SFTP public key offered for partner {} is not one of its registered keys", username);
        }
        return known;
    }

    private static void refused(String partnerId, String reason) {
        // SECURITY: an unknown user name is not echoed: it is attacker-chosen text (log injection, typed passwords).
        log.warn("SFTP login refused for partner {}: {}", partnerId == null ? "(unknown account)" : partnerId, reason);
    }

    private static PublicKey parse(String partnerId, String line) {
        String where = "passerelle.partners." + partnerId + ".sftp-public-keys";
        if (line != null && line.strip().startsWith("ssh-ed25519") && !SecurityUtils.isEDDSACurveSupported()) {
            throw new IllegalStateException(where + ": ssh-ed25519 keys need the net.i2p.crypto:eddsa library, "
                    + "which this build does not include; register an ecdsa-sha2-nistp256 or RSA key instead");
        }
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line);
            if (entry == null) {
                throw new IllegalStateException(where + ": empty key line");
            }
            return entry.resolvePublicKey(null, PublicKeyEntryResolver.FAILING);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(where + ": not a usable OpenSSH public key line ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }
}
