package fr.passerelle.hub.pull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * France Travail's SFTP server as a real Apache MINA SSHD server on a free port: one account, a folder of
 * extracts, and a known_hosts file holding its host key so the hub checks it strictly. It counts directory
 * listings (the hub's polls) and downloads per file. It can be stopped and started again on the same port with
 * the same host key (France Travail's server away, then back).
 */
public final class FakeFranceTravailSftp implements AutoCloseable {

    public static final String USER = "passerelle-91027";
    public static final String PASSWORD = "test-ft-sftp-password";
    public static final String DIRECTORY = "extractions";

    private final Path root;
    private final Path knownHosts;
    private final SimpleGeneratorHostKeyProvider hostKeys;
    private final SftpSubsystemFactory sftp;
    private SshServer server;
    private final int port;
    private final AtomicInteger listings = new AtomicInteger();
    private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();

    public FakeFranceTravailSftp() {
        try {
            Path work = Files.createTempDirectory("ft-91-sftp");
            root = Files.createDirectories(work.resolve("home"));
            Files.createDirectories(root.resolve(DIRECTORY));
            hostKeys = new SimpleGeneratorHostKeyProvider(work.resolve("host-key"));
            hostKeys.setAlgorithm("EC");
            hostKeys.setKeySize(256);
            sftp = new SftpSubsystemFactory();
            sftp.addSftpEventListener(new SftpEventListener() {
                @Override
                public void open(ServerSession session, String remoteHandle, Handle localHandle) {
                    if (localHandle instanceof DirectoryHandle) {
                        listings.incrementAndGet();
                    } else if (localHandle instanceof FileHandle) {
                        downloads.computeIfAbsent(localHandle.getFile().getFileName().toString(),
                                name -> new AtomicInteger()).incrementAndGet();
                    }
                }
            });
            server = newServer(0);
            server.start();
            port = server.getPort();
            KeyPair hostKey = hostKeys.loadKeys(null).iterator().next();
            knownHosts = work.resolve("known_hosts");
            Files.writeString(knownHosts, "[127.0.0.1]:" + port + " "
                    + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake France Travail SFTP server", e);
        }
    }

    private SshServer newServer(int port) {
        SshServer created = SshServer.setUpDefaultServer();
        created.setHost("127.0.0.1");
        created.setPort(port);
        created.setKeyPairProvider(hostKeys);
        created.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        created.setSubsystemFactories(List.of(sftp));
        created.setFileSystemFactory(new VirtualFileSystemFactory(root));
        return created;
    }

    public int port() {
        return port;
    }

    /** France Travail's server goes away: the port refuses connections. */
    public synchronized void stop() throws IOException {
        server.stop(true);
    }

    /** Back on the same port, with the same host key. */
    public synchronized void start() throws IOException {
        server = newServer(port);
        server.start();
    }

    public Path knownHosts() {
        return knownHosts;
    }

    public int listings() {
        return listings.get();
    }

    int downloads(String fileName) {
        AtomicInteger count = downloads.get(fileName);
        return count == null ? 0 : count.get();
    }

    Path folder() {
        return root.resolve(DIRECTORY);
    }

    /** Publishes a file the way a careful producer does: written aside, then renamed into place. */
    void publish(Path source, String name) {
        try {
            Path aside = folder().resolve(".incoming-" + name);
            Files.copy(source, aside, StandardCopyOption.REPLACE_EXISTING);
            Files.move(aside, folder().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        server.stop(true);
    }
}
