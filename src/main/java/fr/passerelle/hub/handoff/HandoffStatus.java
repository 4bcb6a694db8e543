package fr.passerelle.hub.handoff;

/**
 * PENDING (waiting for its first delivery, or for its channel) → DELIVERED → ACKNOWLEDGED; FAILED after a failed
 * attempt while retries remain; PARKED after the last one, until an operator replays it. DECLINED: the recipient
 * refused it with a reason on the referent page (handoff/referent), and it was handed on.
 */
public enum HandoffStatus {
    PENDING, FAILED, DELIVERED, ACKNOWLEDGED, PARKED, DECLINED
}
