package fr.passerelle.hub.directory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ResourceLoader;

/** The directory's files ({@code classpath:} or {@code file:}); one that cannot be read stops start-up naming it. */
final class DirectoryFiles {

    private DirectoryFiles() {
    }

    static byte[] bytes(ResourceLoader resources, String location) {
        try (InputStream in = resources.getResource(location).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new InvalidDirectoryException(location, "cannot be read (" + e.getMessage() + ")");
        }
    }

    static String text(ResourceLoader resources, String location) {
        return new String(bytes(resources, location), StandardCharsets.UTF_8);
    }
}
