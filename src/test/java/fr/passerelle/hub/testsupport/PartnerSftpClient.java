package fr.passerelle.hub.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/** A partner's SFTP client, as a partner would use it: Apache SSHD's client against the hub's real server. */
public final class PartnerSftpClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final SshClient SSH = startClient();

    private final ClientSession session;
    private final SftpClient sftp;

    private PartnerSftpClient(ClientSession session) throws IOException {
        this.session = session;
        this.sftp = SftpClientFactory.instance().createSftpClient(session);
    }

    /** Logged in with the partner's demo password ({@link DemoCredentials#sftpPassword}). */
    public static PartnerSftpClient asPartner(int port, String partnerId) throws IOException {
        return withPassword(port, partnerId, DemoCredentials.sftpPassword(partnerId));
    }

    public static PartnerSftpClient withPassword(int port, String partnerId, String password) throws IOException {
        ClientSession session = session(port, partnerId);
        session.addPasswordIdentity(password);
        return authenticated(session);
    }

    public static PartnerSftpClient withKey(int port, String partnerId, KeyPair key) throws IOException {
        ClientSession session = session(port, partnerId);
        session.addPublicKeyIdentity(key);
        return authenticated(session);
    }

    /** An authenticated SSH session, to try what is not SFTP. */
    public static ClientSession sshSession(int port, String partnerId, String password) throws IOException {
        ClientSession session = session(port, partnerId);
        session.addPasswordIdentity(password);
        session.auth().verify(TIMEOUT);
        return session;
    }

    private static ClientSession session(int port, String partnerId) throws IOException {
        return SSH.connect(partnerId, "localhost", port).verify(TIMEOUT).getSession();
    }

    private static PartnerSftpClient authenticated(ClientSession session) throws IOException {
        try {
            session.auth().verify(TIMEOUT);
            return new PartnerSftpClient(session);
        } catch (IOException | RuntimeException e) {
            session.close(true);
            throw e;
        }
    }

    public SftpClient sftp() {
        return sftp;
    }

    public void put(String path, byte[] content) throws IOException {
        try (OutputStream out = sftp.write(path)) {
            out.write(content);
        }
    }

    public byte[] get(String path) throws IOException {
        try (InputStream in = sftp.read(path)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    public List<String> list(String folder) throws IOException {
        List<String> names = new ArrayList<>();
        for (SftpClient.DirEntry entry : sftp.readDir(folder)) {
            if (!entry.getFilename().equals(".") && !entry.getFilename().equals("..")) {
                names.add(entry.getFilename());
            }
        }
        return names;
    }

    public boolean exists(String path) {
        try {
            sftp.stat(path);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Drops the connection as a network failure would: open files are not closed by the client. */
    public void dropConnection() {
        session.close(true);
    }

    @Override
    public void close() {
        try {
            sftp.close();
            session.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SshClient startClient() {
        SshClient client = SshClient.setUpDefaultClient();
        // The test trusts the server it just started; partners pin the host key (docs/sftp.md).
        client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
        client.start();
        return client;
    }
}
