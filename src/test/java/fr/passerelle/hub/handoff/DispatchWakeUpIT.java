package fr.passerelle.hub.handoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.passerelle.hub.identity.eval.ReferralSetGenerator;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import fr.passerelle.hub.testsupport.PartnerDialects;
import fr.passerelle.hub.testsupport.PartnerSftpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.TestPropertySource;

/**
 * Handoffs leave when the transaction that wrote them commits, not at the dispatcher's next tick: on a hub whose tick
 * never comes during the test (an hour away), a Mission Locale file's handoffs still all reach the partner's webhook
 * (a real HTTP server checking the signature), each once. With one delivery in flight per recipient and two in a row
 * per worker, they need the worker that gives its place back to wake the dispatcher again.
 */
@TestPropertySource(properties = {
        "passerelle.test.isolated-context=dispatch-wake-up",
        "passerelle.handoffs.dispatch.poll-interval=1h",
        "passerelle.handoffs.dispatch.initial-delay=1h",
        "passerelle.handoffs.dispatch.per-recipient=1",
        "passerelle.handoffs.dispatch.batch-size=2"})
class DispatchWakeUpIT extends HubIntegrationTest {

    private static final String SECRET = "test-wake-up-webhook-secret";
    private static final WebhookReceiver RECEIVER = receiver();

    @Autowired
    JdbcClient jdbc;
    @Value("${local.sftp.port}")
    int sftpPort;

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        registry.add("passerelle.handoffs.webhooks.ml-val-orge.url", RECEIVER::url);
        registry.add("passerelle.handoffs.webhooks.ml-val-orge.secret", () -> SECRET);
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void aFilesHandoffsLeaveOnCommitWithoutWaitingForTheTick() throws Exception {
        byte[] export = PartnerDialects.missionLocaleCsv(new ReferralSetGenerator(20261203L).referrals("ml-val-orge", 7));
        try (PartnerSftpClient ml = PartnerSftpClient.asPartner(sftpPort, "ml-val-orge")) {
            ml.put("/inbox/export-imilo-wake-up.csv", export);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "select count(*) from inbound_file where file_name = 'export-imilo-wake-up.csv' and status = 'DONE'")
                .query(Integer.class).single() == 1);

        List<String> webhookHandoffs = jdbc.sql("""
                        select cast(id as text) from handoff
                        where channel = 'WEBHOOK' and recipient_partner_id = 'ml-val-orge'""")
                .query(String.class).list();
        assertThat(webhookHandoffs).hasSizeGreaterThan(4);
        await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVER.deliveries().keySet().containsAll(webhookHandoffs));
        assertThat(webhookHandoffs).allSatisfy(id -> assertThat(RECEIVER.deliveries().get(id)).isEqualTo(1));
    }

    private static WebhookReceiver receiver() {
        try {
            return new WebhookReceiver(SECRET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
