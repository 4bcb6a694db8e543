package fr.passerelle.hub.sftp;

import fr.passerelle.hub.partner.PartnerFolders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSessionFactory;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

/**
 * The hub's own SFTP server (SPEC §4.3), started and stopped with the hub. One account per partner, confined to its
 * home ({@code inbox/}, {@code outbox/}); SFTP and nothing else.
 */
@Component
class SftpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SftpServer.class);

    /** The property holding the port the server listens on, once started. */
    static final String LOCAL_PORT_PROPERTY = "local.sftp.port";

    private final SftpProperties properties;
    private final PartnerAccounts accounts;
    private final PartnerFolders folders;
    private final InboxListener inboxListener;
    private final ConfigurableEnvironment environment;
    private volatile SshServer server;

    public SftpServer(SftpProperties properties, PartnerAccounts accounts, PartnerFolders folders,
                      InboxListener inboxListener, ConfigurableEnvironment environment) {
        this.properties = properties;
        this.accounts = accounts;
        this.folders = folders;
        this.inboxListener = inboxListener;
        this.environment = environment;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled() || server != null) {
            return;
        }
        VirtualFileSystemFactory homes = new VirtualFileSystemFactory();
        for (String partnerId : accounts.partnerIds()) {
            folders.inbox(partnerId);
            folders.outbox(partnerId);
            homes.setUserHomeDir(partnerId, folders.home(partnerId));
        }
        SftpSubsystemFactory sftp = new SftpSubsystemFactory.Builder()
                .withSftpErrorStatusDataHandler(UploadRefusedException.STATUS_MESSAGES)
                .build();
        sftp.addSftpEventListener(inboxListener);

        SshServer ssh = SshServer.setUpDefaultServer();
        ssh.setPort(properties.port());
        ssh.setKeyPairProvider(hostKeys());
        ssh.setPasswordAuthenticator(accounts);
        ssh.setPublickeyAuthenticator(accounts);
        ssh.setKeyboardInteractiveAuthenticator(null);
        ssh.setGSSAuthenticator(null);
        ssh.setHostBasedAuthenticator(null);
        // SECURITY: SFTP only. No shell, no exec (no factories for them), no port, agent or X11 forwarding, and
        // no channel type but "session", which is where the SFTP subsystem lives.
        ssh.setShellFactory(null);
        ssh.setCommandFactory(null);
        ssh.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        ssh.setChannelFactories(List.of(ChannelSessionFactory.INSTANCE));
        ssh.setSubsystemFactories(List.of(sftp));
        ssh.setFileSystemFactory(homes);
        CoreModuleProperties.IDLE_TIMEOUT.set(ssh, properties.idleTimeout());
        CoreModuleProperties.MAX_AUTH_REQUESTS.set(ssh, 6);
        // SECURITY: the identification string names the product, not the SSH library and its version.
        CoreModuleProperties.SERVER_IDENTIFICATION.set(ssh, "Passerelle");
        try {
            ssh.start();
        } catch (IOException e) {
            throw new UncheckedIOException("SFTP server cannot listen on port " + properties.port(), e);
        }
        server = ssh;
        // Like Spring's local.server.port: the port picked when configured as 0, for tests and tools.
        environment.getPropertySources().addFirst(new MapPropertySource("passerelle-sftp-port",
                Map.of(LOCAL_PORT_PROPERTY, ssh.getPort())));
        log.info("SFTP server listening on port {} for {} partner accounts", ssh.getPort(), accounts.partnerIds().size());
    }

    @Override
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            // Sessions are cut, not awaited: an upload cut short stays marked and is never processed half written.
            server.stop(true);
        } catch (IOException e) {
            log.warn("SFTP server did not stop cleanly: {}", e.getClass().getName());
        } finally {
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    /** The port the server listens on: the configured one, or the one picked when configured as 0. */
    public int port() {
        SshServer running = server;
        if (running == null) {
            throw new IllegalStateException("SFTP server not running");
        }
        return running.getPort();
    }

    private SimpleGeneratorHostKeyProvider hostKeys() {
        Path file = Path.of(properties.hostKeyFile()).toAbsolutePath().normalize();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the SFTP host key", e);
        }
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(file);
        // SECURITY: an unreadable host key stops the server instead of being silently replaced: partners pin it.
        hostKeys.setOverwriteAllowed(false);
        hostKeys.loadKeys(null);
        return hostKeys;
    }
}
