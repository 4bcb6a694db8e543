package fr.passerelle.hub.api;

/** Absent, or not the caller's: partners never learn whether another partner's resource exists. */
public class ResourceNotFoundException extends RuntimeException {

    public ResourceNotFoundException(String what) {
        super(what + " not found");
    }
}
