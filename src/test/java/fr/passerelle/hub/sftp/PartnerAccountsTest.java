package fr.passerelle.hub.sftp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.passerelle.hub.partner.PartnerKind;
import fr.passerelle.hub.partner.PartnerProperties;
import fr.passerelle.hub.partner.PartnerProperties.PartnerSettings;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.Test;

class PartnerAccountsTest {

    private static final KeyPair REGISTERED = ecKeyPair();
    private static final KeyPair OTHER = ecKeyPair();

    @Test
    void givesAnAccountToEachPartnerWithAPasswordOrAKeyAndToNoOther() {
        PartnerAccounts accounts = accounts(Map.of(
                "aile", settings("demo-aile-sftp", List.of()),
                "ft-91", settings(null, List.of(line(REGISTERED))),
                "cd91-social", settings(" ", List.of())));

        assertThat(accounts.partnerIds()).containsExactlyInAnyOrder("aile", "ft-91");
    }

    @Test
    void acceptsARegisteredPublicKeyOnlyForItsPartner() {
        PartnerAccounts accounts = accounts(Map.of(
                "ft-91", settings(null, List.of(line(REGISTERED))),
                "aile", settings("demo-aile-sftp", List.of())));

        assertThat(accounts.authenticate("ft-91", REGISTERED.getPublic(), null)).isTrue();
        assertThat(accounts.authenticate("ft-91", OTHER.getPublic(), null)).isFalse();
        assertThat(accounts.authenticate("aile", REGISTERED.getPublic(), null)).isFalse();
        assertThat(accounts.authenticate("nobody", REGISTERED.getPublic(), null)).isFalse();
    }

    @Test
    void refusesAnUnknownAccountWithoutLookingUpThePassword() {
        // No credentials store: looking one up would fail the test.
        PartnerAccounts accounts = accounts(Map.of("aile", settings("demo-aile-sftp", List.of())));

        assertThat(accounts.authenticate("nobody", "demo-aile-sftp", null)).isFalse();
    }

    @Test
    void stopsStartUpOnAMalformedKeyLineNamingThePartner() {
        assertThatThrownBy(() -> accounts(Map.of("ft-91", settings(null, List.of("ecdsa-sha2-nistp256 pas-une-cle")))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("passerelle.partners.ft-91.sftp-public-keys");
    }

    @Test
    void readsAnEd25519KeyThroughBouncyCastle() {
        // BouncyCastle (on the class path for Argon2id) gives MINA SSHD its Ed25519 support.
        String ed25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINMqmTv3+86tBT8xiiPCx+srte2iIiUIjf7K8i3qz2bl ft@91";

        assertThat(accounts(Map.of("ft-91", settings(null, List.of(ed25519)))).partnerIds()).containsExactly("ft-91");
    }

    private static PartnerAccounts accounts(Map<String, PartnerSettings> partners) {
        return new PartnerAccounts(new PartnerProperties(partners), null);
    }

    private static PartnerSettings settings(String password, List<String> keys) {
        return new PartnerSettings("Partenaire", PartnerKind.ASSOCIATION, null, password, List.of(), null, keys, null, null);
    }

    private static String line(KeyPair key) {
        return PublicKeyEntry.toString(key.getPublic()) + " partenaire@test";
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
