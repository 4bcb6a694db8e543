package fr.passerelle.hub.sftp;

import fr.passerelle.hub.partner.PartnerFolders;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands the files partners finished writing in their {@code inbox/} over to the hub-private ready area
 * {@code <files root>/.ready/<partner id>/}, which the file-push routes consume. A file is handed over when the SFTP
 * handle that wrote it is closed, or when it is renamed into {@code inbox/} from a temporary name, never while it
 * is being written: that is how "picked up only once fully written" (SPEC §4.3) holds.
 *
 * <p>An upload in progress leaves a marker in {@code <files root>/.uploads/<partner id>/}, removed when the upload
 * completes. A file still marked is an upload a stop or a dropped connection cut short: it stays in the inbox,
 * unprocessed, until the partner sends it again. Every other file sitting in an inbox is handed over by the sweep,
 * at start-up (files left while the hub was down) and then every 30 seconds (files deferred because a file of the
 * same name was still waiting in the ready area).
 */
@Component
class InboxHandOver {

    private static final Logger log = LoggerFactory.getLogger(InboxHandOver.class);
    private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(30);

    private final PartnerFolders folders;
    private final ReadyArea readyArea;
    private final PartnerAccounts accounts;
    private final SftpPushRoutes routes;
    private final FileRefusals refusals;
    private final long maxBytes;
    private volatile boolean open;
    private ScheduledExecutorService sweeper;

    public InboxHandOver(PartnerFolders folders, ReadyArea readyArea, PartnerAccounts accounts, SftpPushRoutes routes,
                         FileRefusals refusals, SftpProperties properties) {
        this.folders = folders;
        this.readyArea = readyArea;
        this.accounts = accounts;
        this.routes = routes;
        this.refusals = refusals;
        this.maxBytes = properties.maxFileSize().toBytes();
    }

    public Path inbox(String partnerId) {
        return folders.inbox(partnerId);
    }

    /** Temporary upload names are never processed: the partner renames them once written. */
    public static boolean isTemporary(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.startsWith(".") || name.endsWith(".part") || name.endsWith(".tmp") || name.endsWith(".filepart");
    }

    /**
     * Opens the hand-over once the hub is ready (see {@link FileIntakeGate}): completes what was left in the inboxes,
     * then keeps sweeping.
     */
    public synchronized void open() {
        if (open) {
            return;
        }
        open = true;
        sweep();
        sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sftp-inbox-sweep");
            thread.setDaemon(true);
            return thread;
        });
        sweeper.scheduleWithFixedDelay(this::sweepQuietly, SWEEP_INTERVAL.toMillis(), SWEEP_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    public synchronized void close() {
        open = false;
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }

    /** An upload into this inbox file has started (SFTP handle opened for writing). */
    public void uploadStarted(String partnerId, Path inboxFile) {
        try {
            Path marker = marker(partnerId, inboxFile);
            Files.createDirectories(marker.getParent());
            if (Files.notExists(marker)) {
                Files.createFile(marker);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark an upload in progress", e);
        }
    }

    /** The upload was cut short (connection dropped, close failed): its file is not handed over. */
    public void uploadAbandoned(String partnerId, Path inboxFile) {
        log.warn("Upload of {} by partner {} did not complete; left unprocessed in its inbox until sent again",
                PartnerFolders.safeFileName(inboxFile.getFileName().toString()), partnerId);
    }

    /** An upload was refused for its size: its partial file is deleted and the partner told why. */
    public void uploadTooLarge(String partnerId, Path inboxFile) {
        String name = PartnerFolders.safeFileName(inboxFile.getFileName().toString());
        deleteQuietly(inboxFile);
        deleteQuietly(marker(partnerId, inboxFile));
        refusals.tooLarge(partnerId, name, maxBytes);
    }

    /** An upload was cut by the partner's quota of waiting bytes: its partial file is deleted (the client said why). */
    public void uploadOverQuota(String partnerId, Path inboxFile) {
        deleteQuietly(inboxFile);
        deleteQuietly(marker(partnerId, inboxFile));
        log.info("Upload of {} by partner {} cut by its quota of waiting bytes; deleted, not processed",
                PartnerFolders.safeFileName(inboxFile.getFileName().toString()), partnerId);
    }

    /** The file is complete (handle closed after writing, or renamed into the inbox): hand it over. */
    public void completed(String partnerId, Path inboxFile) {
        deleteQuietly(marker(partnerId, inboxFile));
        if (!open) {
            log.info("File {} of partner {} will be handed over once the hub has started",
                    PartnerFolders.safeFileName(inboxFile.getFileName().toString()), partnerId);
            return;
        }
        handOver(partnerId, inboxFile);
    }

    /** Hands over every complete file sitting in the inboxes. */
    public void sweep() {
        for (String partnerId : accounts.partnerIds()) {
            Path inbox = folders.inbox(partnerId);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(inbox)) {
                for (Path file : files) {
                    if (Files.exists(marker(partnerId, file))) {
                        continue;
                    }
                    handOver(partnerId, file);
                }
            } catch (IOException e) {
                log.error("Cannot sweep the inbox of partner {}: {}", partnerId, e.getClass().getName());
            }
        }
    }

    private void sweepQuietly() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.error("Inbox sweep failed: {}", e.getClass().getName());
        }
    }

    private synchronized void handOver(String partnerId, Path file) {
        String original = file.getFileName().toString();
        if (isTemporary(original) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        // SECURITY: the partner's name is never trusted as a path; the sanitized name is the one processed.
        String name = PartnerFolders.safeFileName(original);
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                // Also catches sizes reached without a write (SETSTAT, copy extensions).
                deleteQuietly(file);
                refusals.tooLarge(partnerId, name, maxBytes);
                return;
            }
            List<SftpPushRoutes.PushRoute> partnerRoutes = routes.of(partnerId);
            if (partnerRoutes.stream().noneMatch(route -> route.takes(name))) {
                Path archived = moveAtomically(file, folders.archive(partnerId, false).resolve(ArchiveNames.of(name)));
                refusals.notTaken(partnerId, name, archived, partnerRoutes);
                return;
            }
            Path target = readyArea.folder(partnerId).resolve(name);
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (Arrays.equals(Files.readAllBytes(target), Files.readAllBytes(file))) {
                    // The very same file is already waiting: processing it once is all there is to do.
                    deleteQuietly(file);
                    log.info("File {} of partner {} is already waiting to be processed; duplicate dropped", name,
                            partnerId);
                } else {
                    log.info("File {} of partner {} deferred: a previous version is still waiting", name, partnerId);
                }
                return;
            }
            moveAtomically(file, target);
            log.info("File {} of partner {} handed over for processing ({} bytes)", name, partnerId, size);
        } catch (NoSuchFileException e) {
            // Handed over meanwhile by a concurrent close or sweep.
        } catch (IOException e) {
            log.error("Cannot hand over file {} of partner {}: {}", name, partnerId, e.getClass().getName());
        }
    }

    private static Path moveAtomically(Path from, Path to) throws IOException {
        try {
            return Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // Only when the files root spans file systems; the route never sees the file before the move ends
            // because the copy happens under a temporary name first.
            Path temporary = to.resolveSibling("." + to.getFileName() + ".part");
            Files.copy(from, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, to);
            Files.delete(from);
            return to;
        }
    }

    private Path marker(String partnerId, Path inboxFile) {
        return folders.root().resolve(".uploads").resolve(folders.home(partnerId).getFileName().toString())
                .resolve(inboxFile.getFileName().toString());
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", file.getFileName(), e.getClass().getName());
        }
    }

}
