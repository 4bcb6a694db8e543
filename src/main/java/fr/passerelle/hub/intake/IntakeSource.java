package fr.passerelle.hub.intake;

import io.micrometer.core.instrument.Tag;
import java.util.List;

/**
 * Where a payload comes from: the partner, its channel, the route that received it (for metrics and journal) and
 * the mapping that reads it.
 */
public record IntakeSource(String partnerId, String channel, String routeId, String mappingId) {

    List<Tag> tags() {
        return tags(partnerId, channel, routeId);
    }

    /** The tags of every intake metric: partner, channel, route. */
    static List<Tag> tags(String partnerId, String channel, String routeId) {
        return List.of(Tag.of("partner", partnerId), Tag.of("channel", channel), Tag.of("route", String.valueOf(routeId)));
    }
}
