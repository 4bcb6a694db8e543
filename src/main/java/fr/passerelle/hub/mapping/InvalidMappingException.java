package fr.passerelle.hub.mapping;

/** A mapping file that cannot be used: start-up stops with this message, which names the file. */
class InvalidMappingException extends RuntimeException {

    public InvalidMappingException(String origin, String problem) {
        super("Invalid mapping " + origin + ": " + problem);
    }

    public InvalidMappingException(String origin, String problem, Throwable cause) {
        super("Invalid mapping " + origin + ": " + problem, cause);
    }
}
