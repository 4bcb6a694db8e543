package fr.passerelle.hub.alert;

import java.util.List;

/**
 * What one recipient gets now, given the messages it may still receive this hour ({@code room}) and the alert
 * changes waiting for it, oldest first: each one on its own while they fit; when they do not, all but one slot on
 * their own and the rest together in one summary; nothing while the hour is used up (they wait, HELD).
 */
record NotificationPlan<T>(List<T> individually, List<T> summarized, List<T> held) {

    static <T> NotificationPlan<T> of(int room, List<T> waiting) {
        if (waiting.isEmpty()) {
            return new NotificationPlan<>(List.of(), List.of(), List.of());
        }
        if (room <= 0) {
            return new NotificationPlan<>(List.of(), List.of(), List.copyOf(waiting));
        }
        if (waiting.size() <= room) {
            return new NotificationPlan<>(List.copyOf(waiting), List.of(), List.of());
        }
        return new NotificationPlan<>(List.copyOf(waiting.subList(0, room - 1)),
                List.copyOf(waiting.subList(room - 1, waiting.size())), List.of());
    }

    int messages() {
        return individually.size() + (summarized.isEmpty() ? 0 : 1);
    }
}
