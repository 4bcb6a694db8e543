package fr.passerelle.hub.partner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.LinkOption;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Each partner's file area, as its SFTP account sees it: {@code <root>/<partner id>/inbox} (files pushed to the
 * hub) and {@code outbox} (reject reports, handoff files). Processed files are archived outside the partner's
 * home, in {@code <root>/.processed/<partner id>/done|error}, where the partner cannot alter them.
 */
@Component
public class PartnerFolders {

    private final Path root;

    public PartnerFolders(Settings settings) {
        this.root = Path.of(settings.root()).toAbsolutePath().normalize();
    }

    @ConfigurationProperties("passerelle.files")
    public record Settings(String root) {
    }

    public Path root() {
        return root;
    }

    public Path home(String partnerId) {
        return inside(root, partnerId);
    }

    public Path inbox(String partnerId) {
        return ensure(home(partnerId).resolve("inbox"));
    }

    public Path outbox(String partnerId) {
        return ensure(home(partnerId).resolve("outbox"));
    }

    public Path archive(String partnerId, boolean done) {
        return ensure(inside(root.resolve(".processed"), partnerId).resolve(done ? "done" : "error"));
    }

    /** A partner's file area with its own retention clock. */
    public enum Area { ARCHIVE, OUTBOX }

    /**
     * Deletes the regular files of the partner's area (archive: {@code done} and {@code error}; outbox) last modified
     * before {@code before}, at most {@code max}; returns the bytes freed.
     */
    public long pruneFiles(String partnerId, Area area, Instant before, int max) {
        List<Path> folders = area == Area.ARCHIVE ? List.of(archive(partnerId, true), archive(partnerId, false))
                : List.of(outbox(partnerId));
        long freed = 0;
        int deleted = 0;
        for (Path folder : folders) {
            try (var files = Files.list(folder)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (deleted >= max) {
                        return freed;
                    }
                    if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                        long size = Files.size(file);
                        if (Files.deleteIfExists(file)) {
                            freed += size;
                            deleted++;
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prune the files of " + partnerId, e);
            }
        }
        return freed;
    }

    /**
     * Writes a file into the partner's outbox atomically (temporary name, then rename), so the partner never picks
     * up half a file.
     */
    public Path writeToOutbox(String partnerId, String fileName, byte[] content) {
        Path outbox = outbox(partnerId);
        Path target = inside(outbox, safeFileName(fileName));
        Path temporary = outbox.resolve("." + target.getFileName() + ".part");
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to outbox of " + partnerId, e);
        }
    }

    /**
     * SECURITY: a partner's file name is never trusted as a path: only its last segment is kept and any character
     * outside letters, digits, dot, dash and underscore becomes an underscore; leading dots are removed.
     */
    public static String safeFileName(String name) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String safe = base.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^\\.+", "");
        if (safe.isEmpty()) {
            safe = "fichier";
        }
        return safe.length() > 150 ? safe.substring(safe.length() - 150) : safe;
    }

    private static Path inside(Path parent, String child) {
        Path resolved = parent.resolve(child).normalize();
        if (!resolved.startsWith(parent) || resolved.equals(parent)) {
            throw new IllegalArgumentException("path escapes its folder");
        }
        return resolved;
    }

    private static Path ensure(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + folder, e);
        }
    }
}
