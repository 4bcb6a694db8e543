package fr.passerelle.hub.journey;

/**
 * The event is well formed but contradicts the beneficiary's journey (409), e.g. a completion before the programme
 * started. {@code code} is stable, returned to the caller and counted.
 */
public class JourneyConflictException extends RuntimeException {

    private final String code;

    public JourneyConflictException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
