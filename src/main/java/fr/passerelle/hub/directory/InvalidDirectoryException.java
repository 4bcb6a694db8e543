package fr.passerelle.hub.directory;

/** The structures file cannot be imported; the message names the file, the line and the problem. */
class InvalidDirectoryException extends RuntimeException {

    public InvalidDirectoryException(String origin, String problem) {
        super("Referent directory " + origin + ": " + problem);
    }
}
