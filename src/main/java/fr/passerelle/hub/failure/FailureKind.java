package fr.passerelle.hub.failure;

/**
 * How a failure is answered and whether trying again can help. Channels map a kind to their own answer (HTTP status,
 * SOAP client or server fault, a row of a reject report); only {@link #TRANSIENT} is retried.
 */
public enum FailureKind {
    /** The sender's data or request is wrong; sending it again unchanged fails again. */
    CLIENT_ERROR,
    /** The caller may not do this. */
    FORBIDDEN,
    /** Absent, or not the caller's: both look the same from outside. */
    NOT_FOUND,
    /** Valid on its own, but not in the current state of what it acts on. */
    CONFLICT,
    /** It existed, and was deleted on purpose (retention): asking again will not bring it back. */
    GONE,
    /** Over a size limit. */
    TOO_LARGE,
    /** A peer or the database could not be reached; the same work may succeed later. */
    TRANSIENT,
    /** The hub failed; what was received is kept for an operator. */
    INTERNAL;

    /** The hub, not the sender, is at fault: the message is kept as failed for an operator, not rejected. */
    public boolean hubAtFault() {
        return this == INTERNAL || this == TRANSIENT;
    }
}
