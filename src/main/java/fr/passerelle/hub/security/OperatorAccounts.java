package fr.passerelle.hub.security;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The people who log in, from {@code operator_account}: seeded from configuration at start-up, each with its roles,
 * its Argon2id hash and its lockout state. SECURITY: after {@code lockout.max-failures} wrong passwords in a row the
 * account is locked for {@code lockout.duration}, whatever password comes next; a success resets the count.
 */
class OperatorAccounts implements UserDetailsService {

    private static final Logger log = LoggerFactory.getLogger(OperatorAccounts.class);

    private final JdbcClient jdbc;
    private final PasswordEncoder encoder;
    private final ConsoleProperties.Lockout lockout;

    OperatorAccounts(JdbcClient jdbc, PasswordEncoder encoder, ConsoleProperties console, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.encoder = encoder;
        this.lockout = console.lockout();
        transactions.executeWithoutResult(status -> console.seeded().forEach((username, account) ->
                seed(username, account.password(), account.roles())));
    }

    /** Creates the account, or brings its roles and password to the configured ones (the hash only if it changed). */
    void seed(String username, String password, Collection<ConsoleProperties.Role> roles) {
        String[] roleNames = roles.stream().map(Enum::name).sorted().toArray(String[]::new);
        String stored = jdbc.sql("select password_hash from operator_account where username = :u")
                .param("u", username).query(String.class).optional().orElse(null);
        if (stored == null) {
            jdbc.sql("insert into operator_account (username, password_hash, roles) values (:u, :h, :r)")
                    .param("u", username).param("h", encoder.encode(password)).param("r", roleNames).update();
            return;
        }
        String hash = encoder.matches(password, stored) && !encoder.upgradeEncoding(stored) ? stored
                : encoder.encode(password);
        jdbc.sql("update operator_account set password_hash = :h, roles = :r, updated_at = now() where username = :u")
                .param("u", username).param("h", hash).param("r", roleNames).update();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return jdbc.sql("select username, password_hash, roles, locked_until from operator_account where username = :u")
                .param("u", username)
                .query((rs, n) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .roles(roles(rs.getArray("roles")))
                        .accountLocked(lockedNow(rs.getObject("locked_until", OffsetDateTime.class)))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("no such account"));
    }

    @EventListener
    void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        String username = event.getAuthentication().getName();
        Boolean locked = jdbc.sql("""
                        update operator_account
                        set failed_attempts = case when failed_attempts + 1 >= :max then 0 else failed_attempts + 1 end,
                            locked_until = case when failed_attempts + 1 >= :max then :until else locked_until end
                        where username = :u
                        returning locked_until is not null and locked_until > now()
                        """)
                .param("u", username).param("max", lockout.maxFailures())
                .param("until", OffsetDateTime.now().plus(lockout.duration()))
                .query(Boolean.class).optional().orElse(false);
        if (Boolean.TRUE.equals(locked)) {
            // An account name, not personal data of a beneficiary; operators need to know.
            log.warn("Console account {} locked for {} after {} failed logins", username, lockout.duration(),
                    lockout.maxFailures());
        }
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        jdbc.sql("update operator_account set failed_attempts = 0 where username = :u and failed_attempts > 0")
                .param("u", event.getAuthentication().getName()).update();
    }

    private static boolean lockedNow(OffsetDateTime lockedUntil) {
        return lockedUntil != null && lockedUntil.toInstant().isAfter(Instant.now());
    }

    private static String[] roles(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toArray(String[]::new);
    }
}
