package fr.passerelle.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DemoCredentialGuardTest {

    @Test
    void refusesADemoValueOfASecretLikeSettingNobodyListed() {
        MockEnvironment environment = prod()
                .withProperty("passerelle.some-new-feature.access-token", "demo-token-of-tomorrow")
                .withProperty("spring.datasource.password", "demo-db-password");
        assertThat(DemoCredentialGuard.offendingSettings(environment))
                .containsExactly("passerelle.some-new-feature.access-token", "spring.datasource.password");
    }

    @Test
    void refusesADemoKeyHiddenInBase64() {
        String key = Base64.getEncoder().encodeToString("demo-data-key-for-local-runs-32b".getBytes(StandardCharsets.UTF_8));
        assertThat(DemoCredentialGuard.offendingSettings(prod().withProperty("passerelle.protection.data-key", key)))
                .containsExactly("passerelle.protection.data-key");
    }

    @Test
    void refusesTheDemoDigestKeyAndADemoKeyKeptAsRetired() {
        String key = Base64.getEncoder().encodeToString("demo-data-key-for-local-runs-32b".getBytes(StandardCharsets.UTF_8));
        MockEnvironment environment = prod()
                .withProperty("passerelle.protection.digest-key", "demo-digest-key")
                .withProperty("passerelle.protection.retired-data-key[0]", "k0:" + key)
                .withProperty("passerelle.protection.data-key-id", "k1");
        assertThat(DemoCredentialGuard.offendingSettings(environment)).containsExactly(
                "passerelle.protection.digest-key", "passerelle.protection.retired-data-key[0]");
    }

    @Test
    void refusesAnEmptySecretUnlessAPrivateKeyFileReplacesIt() {
        MockEnvironment environment = prod()
                .withProperty("passerelle.pull.sftp.feed.password", "")
                .withProperty("passerelle.pull.sftp.feed.private-key-file", "/run/secrets/feed-key")
                .withProperty("passerelle.handoffs.webhooks.partner.secret", " ");
        assertThat(DemoCredentialGuard.offendingSettings(environment))
                .containsExactly("passerelle.handoffs.webhooks.partner.secret");
    }

    @Test
    void acceptsRealSecretsAndIgnoresSettingsThatAreNotSecrets() {
        MockEnvironment environment = prod()
                .withProperty("passerelle.partners.aile.api-key", "3f9c0e7a1b")
                .withProperty("passerelle.pull.sftp.feed.private-key-file", "demo-is-a-file-name-not-a-secret")
                .withProperty("passerelle.partners.aile.name", "demo-association")
                .withProperty("spring.mail.password", "demo-smtp");
        assertThat(DemoCredentialGuard.offendingSettings(environment)).isEmpty();
    }

    @Test
    void stopsTheProdProfileOnlyAndNamesEverySetting() {
        DemoCredentialGuard guard = new DemoCredentialGuard();
        MockEnvironment local = new MockEnvironment().withProperty("passerelle.console.admin-password", "demo-admin");
        guard.postProcessEnvironment(local, null);
        MockEnvironment production = prod().withProperty("passerelle.console.admin-password", "demo-admin");
        assertThatThrownBy(() -> guard.postProcessEnvironment(production, null))
                .hasMessageContaining("refuses demo or missing credentials")
                .hasMessageContaining("passerelle.console.admin-password");
    }

    private static MockEnvironment prod() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("prod");
        return environment;
    }
}
