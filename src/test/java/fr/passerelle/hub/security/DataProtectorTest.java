package fr.passerelle.hub.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Issue 9, data at rest: sealed values carry their key id, are bound to their row, and survive a key rotation. */
class DataProtectorTest {

    private static final byte[] OLD_KEY = key(1);
    private static final byte[] NEW_KEY = key(2);
    private static final String NIR = "193092A07895670";

    @Test
    void aSealedValueNamesItsKeyAndOpensOnlyForItsOwnRow() {
        DataProtector protector = protector("k1", OLD_KEY, List.of());
        byte[] sealed = protector.sealText(NIR, "referral:A");

        assertThat(DataProtector.keyIdOf(sealed)).isEqualTo("k1");
        assertThat(protector.openText(sealed, "referral:A")).isEqualTo(NIR);
        assertThatThrownBy(() -> protector.openText(sealed, "referral:B")).isInstanceOf(IllegalStateException.class);
        byte[] relabelled = sealed.clone();
        relabelled[4] = 'x';
        assertThatThrownBy(() -> protector.openText(relabelled, "referral:A")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void afterARotationOldValuesStillOpenAndAResealMovesThemToTheNewKey() {
        byte[] sealedBefore = protector("k1", OLD_KEY, List.of()).sealText(NIR, "beneficiary:X");
        DataProtector rotated = protector("k2", NEW_KEY, List.of("k1:" + Base64.getEncoder().encodeToString(OLD_KEY)));

        assertThat(rotated.openText(sealedBefore, "beneficiary:X")).isEqualTo(NIR);
        byte[] resealed = rotated.reseal(sealedBefore, "beneficiary:X");
        assertThat(DataProtector.keyIdOf(resealed)).isEqualTo("k2");
        assertThat(resealed).startsWith(rotated.currentKeyPrefix());
        assertThat(protector("k2", NEW_KEY, List.of()).openText(resealed, "beneficiary:X")).isEqualTo(NIR);
        assertThatThrownBy(() -> protector("k2", NEW_KEY, List.of()).openText(sealedBefore, "beneficiary:X"))
                .as("the retired key removed too early").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void valuesSealedBeforeKeyIdsStillOpenAndAreResealed() throws Exception {
        byte[] iv = new byte[12];
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(OLD_KEY, "AES"), new GCMParameterSpec(128, iv));
        byte[] body = cipher.doFinal(NIR.getBytes(StandardCharsets.UTF_8));
        byte[] legacy = ByteBuffer.allocate(12 + body.length).put(iv).put(body).array();
        DataProtector protector = protector("k1", OLD_KEY, List.of());

        assertThat(DataProtector.keyIdOf(legacy)).isNull();
        assertThat(protector.openText(legacy, "referral:A")).isEqualTo(NIR);
        assertThat(DataProtector.keyIdOf(protector.reseal(legacy, "referral:A"))).isEqualTo("k1");
    }

    private static DataProtector protector(String keyId, byte[] key, List<String> retired) {
        return new DataProtector(new ProtectionProperties(Base64.getEncoder().encodeToString(key), keyId, retired,
                "index", "digest"));
    }

    private static byte[] key(int fill) {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) fill);
        return key;
    }
}
