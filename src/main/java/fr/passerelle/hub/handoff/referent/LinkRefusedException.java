package fr.passerelle.hub.handoff.referent;

/**
 * A referent link that opens nothing. The page says only which of the two it is: unknown (malformed, tampered,
 * another handoff's or another recipient's: 404) or expired (410); never which handoff or person it named.
 */
class LinkRefusedException extends RuntimeException {

    public enum Why { UNKNOWN, EXPIRED }

    private final Why why;

    public LinkRefusedException(Why why) {
        super(why.name());
        this.why = why;
    }

    public Why why() {
        return why;
    }
}
