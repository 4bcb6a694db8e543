package fr.passerelle.hub.security;

import fr.passerelle.hub.handoff.channel.SoapHandoffProperties;
import fr.passerelle.hub.partner.PartnerProperties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * SECURITY: the prod profile refuses to start while any demo credential (SPEC §2) or empty secret is configured.
 * Every demo secret of application.yml starts with "demo-" (the data key once base64-decoded), so one rule covers
 * them all, including ones added later. It runs before the application context exists, so nothing (database,
 * SFTP server, HTTP port) is opened with demo secrets.
 */
public class DemoCredentialGuard implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.matchesProfiles("prod")) {
            return;
        }
        List<String> offending = offendingSettings(environment);
        if (!offending.isEmpty()) {
            throw new IllegalStateException("The prod profile refuses demo or missing credentials; set real values "
                    + "in the environment for: " + String.join(", ", offending));
        }
    }

    static List<String> offendingSettings(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        Map<String, String> secrets = new TreeMap<>();
        binder.bind("passerelle", PartnerProperties.class).ifBound(partners ->
                partners.partners().forEach((id, settings) -> {
                    secrets.put("passerelle.partners." + id + ".api-key", settings.apiKey());
                    secrets.put("passerelle.partners." + id + ".sftp-password", settings.sftpPassword());
                }));
        secrets.put("passerelle.console.operator-password", environment.getProperty("passerelle.console.operator-password"));
        secrets.put("passerelle.console.admin-password", environment.getProperty("passerelle.console.admin-password"));
        secrets.put("passerelle.protection.data-key", decoded(environment.getProperty("passerelle.protection.data-key")));
        secrets.put("passerelle.protection.nir-index-key", environment.getProperty("passerelle.protection.nir-index-key"));
        secrets.put("spring.datasource.password", environment.getProperty("spring.datasource.password"));
        secrets.put("passerelle.handoffs.referent-page.link-key",
                environment.getProperty("passerelle.handoffs.referent-page.link-key"));
        binder.bind("passerelle.handoffs.soap", SoapHandoffProperties.class).ifBound(soap ->
                soap.targets().forEach((partner, target) -> secrets.put(
                        "passerelle.handoffs.soap.targets." + partner + ".password", target.password())));
        secrets.put("passerelle.pull.api.ml-val-orge-api.token",
                environment.getProperty("passerelle.pull.api.ml-val-orge-api.token"));
        if (environment.getProperty("passerelle.pull.sftp.ft-91-sftp.private-key-file", "").isBlank()) {
            // With a private key, France Travail's SFTP password is legitimately empty.
            secrets.put("passerelle.pull.sftp.ft-91-sftp.password",
                    environment.getProperty("passerelle.pull.sftp.ft-91-sftp.password"));
        }
        List<String> offending = new ArrayList<>();
        secrets.forEach((name, value) -> {
            if (value == null || value.isBlank() || value.startsWith("demo-")) {
                offending.add(name);
            }
        });
        return offending;
    }

    private static String decoded(String base64) {
        if (base64 == null) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            return base64;
        }
    }
}
