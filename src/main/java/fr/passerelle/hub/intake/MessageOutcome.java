package fr.passerelle.hub.intake;

/** What became of a received message, journaled next to its raw payload. */
public enum MessageOutcome {
    /** A new referral. */
    ACCEPTED,
    /** A known referral whose content changed: a new revision. */
    UPDATED,
    /** A known referral sent again unchanged, or a file already processed. */
    DUPLICATE,
    /** The sender's data or request is at fault; the answer says why. */
    REJECTED,
    /** The hub failed on it; kept for an operator. */
    FAILED,
    /** A file or page whose records were each accepted or rejected. */
    DONE
}
