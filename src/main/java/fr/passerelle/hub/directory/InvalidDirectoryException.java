package fr.passerelle.hub.directory;

/**
 * A directory file cannot be used at all (not data·inclusion JSON or CSV, a broken local layer or mapping table);
 * the message names the file, the entry or line, and the problem.
 */
public class InvalidDirectoryException extends RuntimeException {

    public InvalidDirectoryException(String origin, String problem) {
        super("Referent directory " + origin + ": " + problem);
    }
}
