package fr.passerelle.hub.intake;

/** Where a received file or page stands; one not finished when the hub stopped is resumed at the next start. */
enum FileStatus {
    RECEIVED, PROCESSING,
    /** Every record accepted or rejected, each on its own. */
    DONE,
    /** Rejected as a whole: its structure cannot be used. */
    REJECTED,
    /** Stopped the same way on two resumes in a row: left for an operator instead of resumed for ever. */
    QUARANTINED;

    boolean finished() {
        return this == DONE || this == REJECTED || this == QUARANTINED;
    }
}
