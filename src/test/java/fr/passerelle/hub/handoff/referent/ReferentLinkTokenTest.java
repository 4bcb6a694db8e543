package fr.passerelle.hub.handoff.referent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReferentLinkTokenTest {

    private static final byte[] KEY = "test-referent-link-key".getBytes(StandardCharsets.UTF_8);
    private static final UUID HANDOFF = UUID.fromString("3f2b8c1e-0d4a-4e7b-9a61-2c5d7e8f9a0b");
    private static final String RECIPIENT = "referent:laure.tissier@essonne.example.fr";
    private static final Instant EXPIRY = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void aTokenIsSignedForOneHandoffOneRecipientAndItsExpiry() {
        String token = ReferentLinkToken.sign(KEY, HANDOFF, RECIPIENT, EXPIRY);
        ReferentLinkToken.Claims claims = ReferentLinkToken.parse(token).orElseThrow();
        assertThat(claims.handoffId()).isEqualTo(HANDOFF);
        assertThat(claims.expiresAt()).isEqualTo(EXPIRY);
        assertThat(ReferentLinkToken.signedFor(KEY, claims, RECIPIENT)).isTrue();
        assertThat(token).doesNotContain("laure", "tissier");
    }

    @Test
    void rejectsTokenForAnotherRecipientKeyOrChangedExpiryOrHandoff() {
        String token = ReferentLinkToken.sign(KEY, HANDOFF, RECIPIENT, EXPIRY);
        ReferentLinkToken.Claims claims = ReferentLinkToken.parse(token).orElseThrow();
        assertThat(ReferentLinkToken.signedFor(KEY, claims, "referent:someone.else@example.org")).isFalse();
        assertThat(ReferentLinkToken.signedFor("another-key".getBytes(StandardCharsets.UTF_8), claims, RECIPIENT)).isFalse();
        String[] parts = token.split("\\.");
        ReferentLinkToken.Claims later = ReferentLinkToken.parse(parts[0] + "." + (Long.parseLong(parts[1]) + 1) + "."
                + parts[2]).orElseThrow();
        assertThat(ReferentLinkToken.signedFor(KEY, later, RECIPIENT)).isFalse();
        ReferentLinkToken.Claims other = ReferentLinkToken.parse(UUID.randomUUID() + "." + parts[1] + "." + parts[2])
                .orElseThrow();
        assertThat(ReferentLinkToken.signedFor(KEY, other, RECIPIENT)).isFalse();
    }

    @Test
    void rejectsAnythingNotShapedLikeAToken() {
        assertThat(ReferentLinkToken.parse(null)).isEmpty();
        assertThat(ReferentLinkToken.parse("")).isEmpty();
        assertThat(ReferentLinkToken.parse("../../etc/passwd")).isEmpty();
        String token = ReferentLinkToken.sign(KEY, HANDOFF, RECIPIENT, EXPIRY);
        assertThat(ReferentLinkToken.parse(token + "=")).isEmpty();
        assertThat(ReferentLinkToken.parse(token.toUpperCase())).isEmpty();
    }

    @Test
    void onlyTheDigestOfATokenIsStored() {
        String token = ReferentLinkToken.sign(KEY, HANDOFF, RECIPIENT, EXPIRY);
        assertThat(ReferentLinkToken.digest(token)).hasSize(64).doesNotContain(HANDOFF.toString());
    }
}
