package fr.passerelle.hub.sftp;

import fr.passerelle.hub.retry.Retry;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The hub's own SFTP server (SPEC §4.3) and the file-push intake behind it: {@code passerelle.sftp}.
 *
 * @param enabled      whether the hub listens for SFTP connections; the ready area is consumed either way
 * @param port         listening port; 0 picks a free one (tests), see {@link SftpServer#port()}
 * @param hostKeyFile  the server's host key, generated on first start and kept, so partners' known_hosts stay valid
 * @param idleTimeout  a session idle that long is closed
 * @param maxFileSize  largest file a partner may push; a larger upload is cut, deleted and never processed
 * @param maxWaitingFiles files of one partner waiting for the hub (in its {@code inbox/} or the ready area) beyond
 *                     which a new upload is refused at once
 * @param maxWaitingBytes bytes of one partner waiting for the hub, the upload in progress included, beyond which the
 *                     upload is cut, deleted and never processed
 * @param pollDelay    how often the file-push routes look into the ready area
 * @param retry        back-off of transient failures on the file-push routes (routes/file-errors.yaml reads the same
 *                     keys)
 */
@ConfigurationProperties("passerelle.sftp")
record SftpProperties(@DefaultValue("true") boolean enabled,
                             @DefaultValue("2222") int port,
                             @DefaultValue(".passerelle/sftp-host-key") String hostKeyFile,
                             @DefaultValue("10m") Duration idleTimeout,
                             @DefaultValue("20MB") DataSize maxFileSize,
                             @DefaultValue("100") int maxWaitingFiles,
                             @DefaultValue("200MB") DataSize maxWaitingBytes,
                             @DefaultValue("1s") Duration pollDelay,
                             Retry retry) {

    public SftpProperties {
        retry = retry == null ? new Retry(5, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)) : retry;
    }
}
