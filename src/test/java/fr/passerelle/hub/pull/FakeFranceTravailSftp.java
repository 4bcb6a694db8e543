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
 * listings (the hub's polls) and downloads per file.
 */
final class FakeFranceTravailSftp implements AutoCloseable {

    static final String USER = "passerelle-91027";
    static final String PASSWORD = "test-ft-sftp-password";
    static final String DIRECTORY = "extractions";

    private final Path root;
    private final Path knownHosts;
    private final SshServer server;
    private final AtomicInteger listings = new AtomicInteger();
    private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();

    FakeFranceTravailSftp() {
        try {
            Path work = Files.createTempDirectory("ft-91-sftp");
            root = Files.createDirectories(work.resolve("home"));
            Files.createDirectories(root.resolve(DIRECTORY));
            SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(work.resolve("host-key"));
            hostKeys.setAlgorithm("EC");
            hostKeys.setKeySize(256);
            SftpSubsystemFactory sftp = new SftpSubsystemFactory();
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
            server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(0);
            server.setKeyPairProvider(hostKeys);
            server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
            server.setSubsystemFactories(List.of(sftp));
            server.setFileSystemFactory(new VirtualFileSystemFactory(root));
            server.start();
            KeyPair hostKey = hostKeys.loadKeys(null).iterator().next();
            knownHosts = work.resolve("known_hosts");
            Files.writeString(knownHosts, "[127.0.0.1]:" + server.getPort() + " "
                    + PublicKeyEntry.toString(hostKey.getPublic()) + "\n");
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake France Travail SFTP server", e);
        }
    }

    int port() {
        return server.getPort();
    }

    Path knownHosts() {
        return knownHosts;
    }

    int listings() {
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
    public void close() throws IOException {
        server.stop(true);
    }
}
