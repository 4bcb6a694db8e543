package fr.passerelle.hub.alert;

import fr.passerelle.hub.alert.AlertNotifications.Owed;
import fr.passerelle.hub.alert.AlertNotifications.Recipient;
import fr.passerelle.hub.alert.AlertNotifications.Transition;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One look (routes/alert-evaluate.yaml): each condition found opens its alert unless open already; each open alert
 * whose condition is gone is resolved; each change is owed to every recipient, who gets at most
 * {@code max-per-hour} messages an hour (the rest in one summary). Ticks of several hub instances take turns on a
 * PostgreSQL advisory lock; the open-once index makes a double opening impossible anyway.
 */
@Component
public class AlertEvaluator {

    private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);
    private static final long LOCK = 0x50_41_4c_45_52_54L; // "PALERT"

    private final AlertConditions conditions;
    private final AlertStore alerts;
    private final AlertNotifications notifications;
    private final AlertSender sender;
    private final AlertProperties properties;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final Clock clock;

    AlertEvaluator(AlertConditions conditions, AlertStore alerts, AlertNotifications notifications, AlertSender sender,
                   AlertProperties properties, TransactionTemplate transactions, JdbcClient jdbc, Clock clock) {
        this.conditions = conditions;
        this.alerts = alerts;
        this.notifications = notifications;
        this.sender = sender;
        this.properties = properties;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The timer's step: evaluate, then notify. */
    public void run() {
        transactions.executeWithoutResult(status -> {
            if (Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:key)").param("key", LOCK)
                    .query(Boolean.class).single())) {
                evaluate();
            }
        });
        transactions.executeWithoutResult(status -> {
            if (Boolean.TRUE.equals(jdbc.sql("select pg_try_advisory_xact_lock(:key)").param("key", LOCK + 1)
                    .query(Boolean.class).single())) {
                notifyRecipients();
            }
        });
    }

    void evaluate() {
        Map<String, Condition> found = new LinkedHashMap<>();
        for (Condition condition : conditions.now()) {
            found.putIfAbsent(key(condition.kind(), condition.subject()), condition);
        }
        for (Alert open : alerts.open()) {
            Condition still = found.remove(key(open.kind(), open.subject()));
            if (still != null) {
                alerts.seen(open.id(), still.detail());
            } else if (alerts.resolve(open.id())) {
                log.info("Alert {} resolved: {} {}", open.id(), open.kind(), open.subject());
                notifications.owe(alerts.find(open.id()).orElseThrow(), Transition.RESOLVED, recipients());
            }
        }
        for (Condition condition : found.values()) {
            alerts.open(condition).ifPresent(opened -> {
                log.warn("Alert {} opened: {} {}", opened.id(), opened.kind(), opened.subject());
                notifications.owe(opened, Transition.OPENED, recipients());
            });
        }
    }

    void notifyRecipients() {
        Instant hourAgo = Instant.now(clock).minus(Duration.ofHours(1));
        for (Recipient recipient : notifications.waitingRecipients()) {
            int room = properties.notifications().maxPerHour() - notifications.messagesSince(recipient, hourAgo);
            NotificationPlan<Owed> plan = NotificationPlan.of(room, notifications.waiting(recipient));
            notifications.held(plan.held());
            for (Owed one : plan.individually()) {
                deliver(recipient, List.of(one), null);
            }
            if (!plan.summarized().isEmpty()) {
                deliver(recipient, plan.summarized(), UUID.randomUUID());
            }
        }
    }

    private void deliver(Recipient recipient, List<Owed> changes, UUID summaryId) {
        try {
            sender.send(recipient, changes, summaryId);
            if (summaryId == null) {
                notifications.sent(changes);
            } else {
                notifications.summarized(changes, summaryId);
            }
        } catch (Exception e) {
            // The recipient's address is an operators' address, not personal data of a beneficiary.
            log.warn("Alert notification to {} {} failed: {}", recipient.medium(), recipient.address(),
                    e.getClass().getSimpleName());
            notifications.failed(changes, e.getClass().getSimpleName(), properties.notifications().maxAttempts());
        }
    }

    private List<Recipient> recipients() {
        List<Recipient> recipients = new ArrayList<>();
        properties.notifications().emails().forEach(e -> recipients.add(new Recipient(AlertNotifications.Medium.EMAIL, e)));
        properties.notifications().webhooks().forEach(w -> recipients.add(new Recipient(AlertNotifications.Medium.WEBHOOK, w.url())));
        return recipients;
    }

    private static String key(AlertKind kind, String subject) {
        return kind.name() + '\u0000' + subject;
    }
}
