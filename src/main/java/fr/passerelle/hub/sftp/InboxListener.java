package fr.passerelle.hub.sftp;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.AttributeRepository.AttributeKey;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Watches what partners do over SFTP: a handle opened for writing in {@code inbox/} is an upload, complete when the
 * partner closes it; a rename into {@code inbox/} completes an upload made under a temporary name. Also enforces the
 * limits no file system option expresses: the size of a file, the files and bytes a partner may have waiting for the
 * hub (its quotas), and no links.
 */
@Component
class InboxListener implements SftpEventListener {

    private static final Logger log = LoggerFactory.getLogger(InboxListener.class);

    /** On a handle: the upload it carries; {@code refused} once a write went past the size limit. */
    private static final AttributeKey<Upload> UPLOAD = new AttributeKey<>();

    private final InboxHandOver handOver;
    private final ReadyArea readyArea;
    private final long maxBytes;
    private final int maxWaitingFiles;
    private final long maxWaitingBytes;

    public InboxListener(InboxHandOver handOver, ReadyArea readyArea, SftpProperties properties) {
        this.handOver = handOver;
        this.readyArea = readyArea;
        this.maxBytes = properties.maxFileSize().toBytes();
        this.maxWaitingFiles = properties.maxWaitingFiles();
        this.maxWaitingBytes = properties.maxWaitingBytes().toBytes();
    }

    private static final class Upload {
        private final String partnerId;
        private final Path file;
        /** Bytes of the partner's other files waiting for the hub when this upload began. */
        private final long waitingBytes;
        private volatile boolean refused;
        private volatile boolean overQuota;
        private volatile boolean abandoned;

        private Upload(String partnerId, Path file, long waitingBytes) {
            this.partnerId = partnerId;
            this.file = file;
            this.waitingBytes = waitingBytes;
        }
    }

    /** What a partner has waiting for the hub: complete or partial files in its inbox, files in the ready area. */
    private record Waiting(int files, long bytes) {
    }

    @Override
    public void opening(ServerSession session, String remoteHandle, Handle localHandle) throws IOException {
        if (!(localHandle instanceof FileHandle file) || !writes(file)) {
            return;
        }
        Optional<Path> inboxFile = inboxFile(session, localHandle.getFile());
        if (inboxFile.isPresent()) {
            String partnerId = session.getUsername();
            Waiting waiting = waiting(partnerId, inboxFile.get());
            if (waiting.files() >= maxWaitingFiles) {
                log.info("Upload by partner {} refused: {} files already waiting (quota {})", partnerId,
                        waiting.files(), maxWaitingFiles);
                throw new UploadRefusedException("trop de fichiers en attente de traitement : au plus "
                        + maxWaitingFiles + " ; fichier refusé, renvoyez-le une fois les précédents traités");
            }
            localHandle.setAttribute(UPLOAD, new Upload(partnerId, inboxFile.get(), waiting.bytes()));
            handOver.uploadStarted(partnerId, inboxFile.get());
        }
    }

    @Override
    public void writing(ServerSession session, String remoteHandle, FileHandle localHandle, long offset, byte[] data,
                        int dataOffset, int dataLen) throws IOException {
        // SECURITY: checked on the end offset, so a write far past the end (a sparse file) is refused as well.
        if (offset + dataLen > maxBytes) {
            Upload upload = localHandle.getAttribute(UPLOAD);
            if (upload != null) {
                upload.refused = true;
            }
            throw new UploadRefusedException("fichier trop volumineux : la limite est de " + maxBytes + " octets ; "
                    + "fichier refusé, il ne sera pas traité");
        }
        Upload upload = localHandle.getAttribute(UPLOAD);
        if (upload != null && upload.waitingBytes + offset + dataLen > maxWaitingBytes) {
            upload.overQuota = true;
            throw new UploadRefusedException("trop de données en attente de traitement : au plus " + maxWaitingBytes
                    + " octets ; fichier refusé, il ne sera pas traité ; renvoyez-le une fois les précédents traités");
        }
    }

    @Override
    public void exiting(ServerSession session, Handle handle) {
        // Handles still open when the session ends were not closed by the partner: the upload was cut short.
        Upload upload = handle.getAttribute(UPLOAD);
        if (upload != null) {
            upload.abandoned = true;
        }
    }

    @Override
    public void closed(ServerSession session, String remoteHandle, Handle localHandle, Throwable thrown) {
        Upload upload = localHandle.getAttribute(UPLOAD);
        if (upload == null) {
            return;
        }
        if (upload.overQuota) {
            handOver.uploadOverQuota(upload.partnerId, upload.file);
        } else if (upload.refused) {
            handOver.uploadTooLarge(upload.partnerId, upload.file);
        } else if (upload.abandoned || thrown != null) {
            handOver.uploadAbandoned(upload.partnerId, upload.file);
        } else {
            handOver.completed(upload.partnerId, upload.file);
        }
    }

    @Override
    public void moved(ServerSession session, Path srcPath, Path dstPath, Collection<CopyOption> opts,
                      Throwable thrown) {
        if (thrown == null) {
            inboxFile(session, dstPath).ifPresent(file -> handOver.completed(session.getUsername(), file));
        }
    }

    @Override
    public void linking(ServerSession session, Path source, Path target, boolean symLink) throws IOException {
        // SECURITY: a link could point the hub, which reads inboxes with its own rights, at a file outside the home.
        log.warn("SFTP link creation refused for partner {}", session.getUsername());
        throw new AccessDeniedException("liens interdits sur ce serveur");
    }

    private Waiting waiting(String partnerId, Path uploading) throws IOException {
        int files = 0;
        long bytes = 0;
        for (Path folder : List.of(uploading.getParent(), readyArea.folder(partnerId))) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
                for (Path entry : entries) {
                    if (entry.equals(uploading) || !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                        continue;
                    }
                    try {
                        bytes += Files.size(entry);
                        files++;
                    } catch (NoSuchFileException handedOver) {
                        // Moved from the inbox to the ready area (or processed) while we counted.
                    }
                }
            } catch (NoSuchFileException e) {
                // Nothing waiting there yet.
            }
        }
        return new Waiting(files, bytes);
    }

    private static boolean writes(FileHandle handle) {
        return handle.getOpenOptions().contains(StandardOpenOption.WRITE)
                || handle.getOpenOptions().contains(StandardOpenOption.APPEND);
    }

    /**
     * The real file behind a path of the partner's virtual file system, when it lies directly in {@code inbox/}.
     * The virtual path is rooted at the partner's home, so {@code /inbox/name} is {@code <home>/inbox/name}.
     */
    private Optional<Path> inboxFile(ServerSession session, Path virtualPath) {
        List<String> names = new ArrayList<>();
        virtualPath.toAbsolutePath().normalize().forEach(name -> names.add(name.toString()));
        if (names.size() != 2 || !"inbox".equals(names.get(0))) {
            return Optional.empty();
        }
        return Optional.of(handOver.inbox(session.getUsername()).resolve(names.get(1)));
    }
}
