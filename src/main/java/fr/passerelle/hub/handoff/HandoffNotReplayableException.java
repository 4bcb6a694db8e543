package fr.passerelle.hub.handoff;

/** Only a PARKED or FAILED handoff can be replayed (409). */
public class HandoffNotReplayableException extends RuntimeException {

    private final HandoffStatus status;

    public HandoffNotReplayableException(HandoffStatus status) {
        super("handoff is " + status + ", only PARKED or FAILED handoffs are replayed");
        this.status = status;
    }

    public HandoffStatus status() {
        return status;
    }
}
