package fr.passerelle.hub.handoff.watch;

import fr.passerelle.hub.partner.Channel;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code passerelle.handoffs.watch}: deadlines of acknowledgement and of follow-up (the ticks themselves,
 * {@code poll-interval} and {@code no-active-referent-poll-interval}, are read by routes/handoff-watch.yaml).
 *
 * @param remindAfterWorkingDays           a DELIVERED handoff still unacknowledged this many working days after
 *                                         delivery gets one reminder
 * @param remindAfterWorkingDaysByChannel  the same deadline for one channel (EMAIL, SOAP…), overriding the global one
 * @param escalateAfterWorkingDays         still unacknowledged this many working days after the reminder: escalated
 *                                         to the territory coordinator
 * @param noActiveReferentDays             days without any sign of follow-up before the territory coordinator is told
 * @param zone                             where working days and public holidays are counted
 */
@ConfigurationProperties("passerelle.handoffs.watch")
record WatchProperties(Integer remindAfterWorkingDays, Map<Channel, Integer> remindAfterWorkingDaysByChannel,
                              Integer escalateAfterWorkingDays, Integer noActiveReferentDays, Integer batchSize,
                              ZoneId zone) {

    public WatchProperties {
        remindAfterWorkingDays = remindAfterWorkingDays == null ? 3 : remindAfterWorkingDays;
        remindAfterWorkingDaysByChannel = remindAfterWorkingDaysByChannel == null ? Map.of()
                : Map.copyOf(remindAfterWorkingDaysByChannel);
        escalateAfterWorkingDays = escalateAfterWorkingDays == null ? 2 : escalateAfterWorkingDays;
        noActiveReferentDays = noActiveReferentDays == null ? 30 : noActiveReferentDays;
        batchSize = batchSize == null ? 200 : batchSize;
        zone = zone == null ? ZoneId.of("Europe/Paris") : zone;
    }

    public int remindAfter(Channel channel) {
        return remindAfterWorkingDaysByChannel.getOrDefault(channel, remindAfterWorkingDays);
    }

    /** The shortest reminder deadline of any channel, in working days: a lower bound in calendar days too. */
    int shortestReminder() {
        return remindAfterWorkingDaysByChannel.values().stream().mapToInt(Integer::intValue)
                .reduce(remindAfterWorkingDays, Math::min);
    }
}
