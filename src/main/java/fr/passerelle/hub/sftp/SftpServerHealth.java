package fr.passerelle.hub.sftp;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Health component {@code sftp}, part of readiness: partners push files to the hub's SFTP server, so the hub can take
 * partner traffic only once it listens. The web server starts before it; readiness waits for both.
 */
@Component("sftpHealthIndicator")
class SftpServerHealth extends AbstractHealthIndicator {

    private final SftpServer server;
    private final SftpProperties properties;

    SftpServerHealth(SftpServer server, SftpProperties properties) {
        super("SFTP server check failed");
        this.server = server;
        this.properties = properties;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!properties.enabled()) {
            builder.up().withDetail("server", "désactivé");
        } else if (server.isRunning()) {
            builder.up().withDetail("port", server.port());
        } else {
            builder.down().withDetail("server", "n'écoute pas");
        }
    }
}
