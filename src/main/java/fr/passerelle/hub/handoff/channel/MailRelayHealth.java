package fr.passerelle.hub.handoff.channel;

import jakarta.mail.MessagingException;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Health component {@code mail}: the SMTP relay of the e-mail channel. It replaces Spring's own check (same bean
 * name), which turns the whole hub DOWN when the relay is unreachable. An unreachable relay is an optional peer
 * broken: e-mail handoffs wait and are retried, then parked for replay, while partners' traffic goes on. So it shows
 * as {@code DEGRADED} (answered 200, outside the readiness group), with the relay's address for operators.
 */
@Component("mailHealthIndicator")
class MailRelayHealth extends AbstractHealthIndicator {

    /** A peer the hub can do without for a while: shown to operators, never the hub down. */
    static final Status DEGRADED = new Status("DEGRADED", "relais injoignable : les transferts concernés attendent");

    private final ObjectProvider<JavaMailSenderImpl> relays;

    MailRelayHealth(ObjectProvider<JavaMailSenderImpl> relays) {
        super("SMTP relay check failed");
        this.relays = relays;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        JavaMailSenderImpl relay = relays.getIfAvailable();
        if (relay == null) {
            builder.unknown().withDetail("relay", "aucun relais configuré (spring.mail.host)");
            return;
        }
        builder.withDetail("relay", relay.getHost() + ":" + relay.getPort());
        try {
            relay.testConnection();
            builder.up();
        } catch (MessagingException unreachable) {
            builder.status(DEGRADED).withDetail("effect",
                    "les transferts par courriel sont réessayés puis mis de côté pour être rejoués");
        }
    }
}
