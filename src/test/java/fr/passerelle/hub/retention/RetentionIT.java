package fr.passerelle.hub.retention;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import fr.passerelle.hub.partner.PartnerFolders;
import fr.passerelle.hub.security.Digests;
import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The retention tiers really free rows' bytes and files, and keep what is recent or still failed. */
class RetentionIT extends HubIntegrationTest {

    @Autowired
    Retention retention;
    @Autowired
    PartnerFolders folders;
    @Autowired
    JdbcClient jdbc;

    @Test
    void prunesOldPayloadBodiesAndPartnerFilesButKeepsRecentOnesAndAFailedMessage() throws IOException {
        UUID old = received(AileReferral.newPerson().json());
        UUID failed = received(AileReferral.newPerson().json());
        UUID recent = received(AileReferral.newPerson().json());
        int oldSize = bodyBytes(old);
        jdbc.sql("""
                        update raw_message set received_at = now() - interval '400 days',
                            processed_at = now() - interval '400 days' where id in (:ids)""")
                .param("ids", java.util.List.of(old, failed)).update();
        jdbc.sql("update raw_message set outcome = 'FAILED' where id = :id").param("id", failed).update();
        Path oldArchive = file(folders.archive("aile", true), Duration.ofDays(400));
        Path oldOutbox = file(folders.outbox("aile"), Duration.ofDays(400));
        Path recentArchive = file(folders.archive("aile", false), Duration.ZERO);

        retention.run();

        assertThat(oldSize).isPositive();
        assertThat(bodyBytes(old)).isZero();
        assertThat(jdbc.sql("select payload_pruned_at is not null and size_bytes > 0 and digest_sha256 <> '' from raw_message where id = :id")
                .param("id", old).query(Boolean.class).single()).as("metadata kept").isTrue();
        assertThat(bodyBytes(failed)).as("failed: kept until resolved").isPositive();
        assertThat(bodyBytes(recent)).isPositive();
        assertThat(oldArchive).doesNotExist();
        assertThat(oldOutbox).doesNotExist();
        assertThat(recentArchive).exists();

        HttpResponse<String> page = getAsOperator("/console/retention");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-partner=\"aile\"");
        assertThat(retention.oldestPayloadKept().get("aile")).isBefore(Instant.now().minus(Duration.ofDays(399)));
    }

    private UUID received(byte[] body) {
        HttpResponse<String> answer = postJson("/api/v1/referrals", AILE_KEY, body);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
        return jdbc.sql("select id from raw_message where partner_id = 'aile' and digest_sha256 = :d")
                .param("d", Digests.sha256(body)).query(UUID.class).single();
    }

    private int bodyBytes(UUID id) {
        return jdbc.sql("select octet_length(payload_sealed) from raw_message where id = :id").param("id", id)
                .query(Integer.class).single();
    }

    private static Path file(Path folder, Duration age) throws IOException {
        Path file = folder.resolve("retention-" + UUID.randomUUID() + ".csv");
        Files.writeString(file, "ligne;motif\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }
}
