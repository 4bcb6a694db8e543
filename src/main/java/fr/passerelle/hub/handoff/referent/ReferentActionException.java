package fr.passerelle.hub.handoff.referent;

/** An answer the page cannot take (missing reason, a refusal after an acknowledgement…), said in French. */
class ReferentActionException extends RuntimeException {

    private final int status;

    public ReferentActionException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
