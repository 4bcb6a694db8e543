package fr.passerelle.hub.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The people who log in, seeded into {@code operator_account} at start-up ({@link OperatorAccounts}): the demo
 * accounts operator, admin, viewer, programme and metrics by their passwords, any other named account under
 * {@code accounts.<username>} with its roles. {@code programme-partner} is the partner a programme login reads the
 * shared record as; {@code lockout}: failures in a row before an account is locked, and for how long.
 */
@ConfigurationProperties("passerelle.console")
record ConsoleProperties(String operatorPassword, String adminPassword, String viewerPassword, String metricsPassword,
                         String programmePassword, String programmePartner, Map<String, Account> accounts,
                         Lockout lockout) {

    ConsoleProperties {
        accounts = accounts == null ? Map.of() : Map.copyOf(accounts);
        lockout = lockout == null ? new Lockout(5, Duration.ofMinutes(15)) : lockout;
        programmePartner = programmePartner == null ? "ruche-itineraire" : programmePartner;
    }

    record Account(String password, List<Role> roles) {
        Account {
            roles = roles == null ? List.of() : List.copyOf(roles);
        }
    }

    record Lockout(int maxFailures, Duration duration) {
        Lockout {
            if (maxFailures < 1 || duration == null || duration.isNegative()) {
                throw new IllegalArgumentException("passerelle.console.lockout: max-failures ≥ 1 and a duration");
            }
        }
    }

    /**
     * What a person may do: VIEWER reads the console, OPERATOR acts, ADMIN administers, PROGRAMME reads records,
     * METRICS (the Prometheus scraper's login {@code metrics}) reads {@code /actuator/prometheus} only.
     */
    enum Role { VIEWER, OPERATOR, ADMIN, PROGRAMME, METRICS }

    /** Every account to seed: the four demo ones (when their password is set) and the named ones. */
    Map<String, Account> seeded() {
        Map<String, Account> all = new java.util.TreeMap<>(accounts);
        putIfSet(all, "operator", operatorPassword, List.of(Role.OPERATOR, Role.VIEWER));
        putIfSet(all, "admin", adminPassword, List.of(Role.ADMIN, Role.OPERATOR, Role.VIEWER));
        putIfSet(all, "viewer", viewerPassword, List.of(Role.VIEWER));
        putIfSet(all, "programme", programmePassword, List.of(Role.PROGRAMME));
        putIfSet(all, "metrics", metricsPassword, List.of(Role.METRICS));
        return all;
    }

    private static void putIfSet(Map<String, Account> all, String username, String password, List<Role> roles) {
        if (password != null && !password.isBlank()) {
            all.putIfAbsent(username, new Account(password, roles));
        }
    }
}
