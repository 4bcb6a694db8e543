package fr.passerelle.hub.alert;

import java.time.Instant;
import java.util.UUID;

/** One alert: open from {@code openedAt} until {@code resolvedAt}; acknowledged by an operator or not. */
public record Alert(UUID id, AlertKind kind, String subject, String partnerId, String detail, Instant openedAt,
                    Instant lastSeenAt, Instant resolvedAt, Instant acknowledgedAt, String acknowledgedBy) {

    public boolean open() {
        return resolvedAt == null;
    }

    public String state() {
        return resolvedAt != null ? "RESOLVED" : acknowledgedAt != null ? "ACKNOWLEDGED" : "OPEN";
    }

    public String title() {
        return kind.title();
    }
}
