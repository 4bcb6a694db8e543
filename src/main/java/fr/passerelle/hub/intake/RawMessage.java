package fr.passerelle.hub.intake;

import java.time.Instant;
import java.util.UUID;

/** An inbound payload as received, before any parsing. The bytes themselves stay sealed in the store. */
public record RawMessage(UUID id, String partnerId, String channel, Instant receivedAt, String fileName,
                         String contentType, String digest, int sizeBytes, String correlationId) {
}
