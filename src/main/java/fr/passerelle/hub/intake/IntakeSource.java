package fr.passerelle.hub.intake;

/**
 * Where a payload comes from: the partner, its channel, the route that received it (for metrics and journal) and
 * the mapping that reads it.
 */
public record IntakeSource(String partnerId, String channel, String routeId, String mappingId) {
}
