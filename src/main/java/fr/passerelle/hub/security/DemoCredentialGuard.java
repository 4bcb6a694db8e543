package fr.passerelle.hub.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;

/**
 * SECURITY: the prod profile refuses to start while any secret-like setting holds a demo value (SPEC §2) or is empty.
 * One rule, by name: every setting under {@code passerelle.} or {@code spring.datasource.} whose last word is
 * password, secret, token, key or passphrase, whoever declares it and whenever it was added. A demo value starts
 * with "demo-", in clear or once base64-decoded (the data key). It runs before the application context exists, so
 * nothing (database, SFTP server, HTTP port) is opened with demo secrets.
 */
public class DemoCredentialGuard implements EnvironmentPostProcessor {

    private static final List<String> SCOPES = List.of("passerelle.", "spring.datasource.");
    private static final Pattern SECRET_LIKE = Pattern.compile(
            "(?i).*(password|secret|token|key|passphrase)(\\[\\d+])?$");
    private static final String DEMO = "demo-";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.matchesProfiles("prod")) {
            return;
        }
        Set<String> offending = offendingSettings(environment);
        if (!offending.isEmpty()) {
            throw new IllegalStateException("The prod profile refuses demo or missing credentials; set real values "
                    + "in the environment for: " + String.join(", ", offending));
        }
    }

    static Set<String> offendingSettings(ConfigurableEnvironment environment) {
        Set<String> offending = new TreeSet<>();
        for (String name : secretLikeNames(environment)) {
            String value = environment.getProperty(name);
            if (isDemo(value) || (isBlank(value) && !replacedByKeyFile(environment, name))) {
                offending.add(name);
            }
        }
        return offending;
    }

    static boolean isSecretLike(String name) {
        return SCOPES.stream().anyMatch(name::startsWith) && SECRET_LIKE.matcher(name).matches();
    }

    private static Set<String> secretLikeNames(ConfigurableEnvironment environment) {
        Set<String> names = new TreeSet<>();
        environment.getPropertySources().forEach(source -> {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (isSecretLike(name)) {
                        names.add(name);
                    }
                }
            }
        });
        return names;
    }

    private static boolean isDemo(String value) {
        if (value == null) {
            return false;
        }
        // A retired data key is written <key id>:<base64 key>.
        String key = value.substring(value.indexOf(':') + 1);
        return value.startsWith(DEMO) || decoded(value).startsWith(DEMO) || decoded(key).startsWith(DEMO);
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    // A password may be left empty where a private key file beside it replaces it (SFTP key authentication).
    private static boolean replacedByKeyFile(ConfigurableEnvironment environment, String name) {
        String prefix = name.substring(0, name.lastIndexOf('.') + 1);
        return !isBlank(environment.getProperty(prefix + "private-key-file"));
    }

    private static String decoded(String value) {
        try {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
