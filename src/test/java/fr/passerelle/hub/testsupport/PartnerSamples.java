package fr.passerelle.hub.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The partner samples of ../shared/samples, copied unchanged so a clean clone carries them, and truth.csv: which
 * person each sample row is (samples/README.md).
 */
public final class PartnerSamples {

    public static final Path ROOT = Path.of("src", "test", "resources", "samples");

    private PartnerSamples() {
    }

    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    public static byte[] sample(String relative) {
        try {
            return Files.readAllBytes(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("sample " + relative + " unreadable", e);
        }
    }

    /** The samples of a folder, by name. */
    public static List<Path> folder(String relative) {
        try (Stream<Path> files = Files.list(path(relative))) {
            return files.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of truth.csv without its header: {@code partner,file,record_key,person}. */
    public static List<String> truth() {
        try {
            List<String> lines = Files.readAllLines(path("truth.csv"));
            return lines.subList(1, lines.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
