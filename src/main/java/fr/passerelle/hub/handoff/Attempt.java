package fr.passerelle.hub.handoff;

import java.time.Instant;

/** One delivery attempt: when, by which channel, how it ended, and the error code when it failed. */
record Attempt(int attempt, Instant at, String channel, String outcome, String errorCode, String detail,
                      Integer durationMs) {
}
