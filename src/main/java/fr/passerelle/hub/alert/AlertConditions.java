package fr.passerelle.hub.alert;

import fr.passerelle.hub.handoff.HandoffBacklog;
import fr.passerelle.hub.intake.IntakeActivity;
import fr.passerelle.hub.partner.Partner;
import fr.passerelle.hub.partner.PartnerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.springframework.boot.actuate.health.CompositeHealth;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * The conditions that deserve an alert, as they stand now: Camel's route and consumer checks and the hub's health
 * components, partners' silence and error rates (intake), failed inbound messages, parked and overdue handoffs
 * (handoff). Each source is read through its owner's public view; nothing here writes another module's tables.
 */
@Component
class AlertConditions {

    /** Camel's checks are watched one by one (route:…, consumer:…), not through their aggregate component. */
    private static final String CAMEL_COMPONENT = "camelRoutes";

    private final CamelContext camel;
    private final HealthEndpoint health;
    private final PartnerRegistry partners;
    private final IntakeActivity intake;
    private final HandoffBacklog handoffs;
    private final AlertProperties properties;
    private final Clock clock;
    private final Instant startedAt;

    AlertConditions(CamelContext camel, HealthEndpoint health, PartnerRegistry partners, IntakeActivity intake,
                    HandoffBacklog handoffs, AlertProperties properties, Clock clock) {
        this.camel = camel;
        this.health = health;
        this.partners = partners;
        this.intake = intake;
        this.handoffs = handoffs;
        this.properties = properties;
        this.clock = clock;
        this.startedAt = Instant.now(clock);
    }

    List<Condition> now() {
        List<Condition> found = new ArrayList<>();
        routesDown(found);
        componentsDown(found);
        Instant now = Instant.now(clock);
        for (Partner partner : partners.all()) {
            silent(partner.id(), now).ifPresent(found::add);
            errorRate(partner.id(), now).ifPresent(found::add);
        }
        intake.failedMessages().forEach((partner, n) -> found.add(new Condition(AlertKind.FAILED_MESSAGES, partner,
                partner, n + " message(s) entrant(s) en échec à rejouer")));
        handoffs.parkedByPartner().forEach((partner, n) -> found.add(new Condition(AlertKind.PARKED_HANDOFFS, partner,
                recipient(partner), n + " transmission(s) parquée(s) après la dernière tentative")));
        handoffs.unacknowledgedPastDeadlineByPartner().forEach((partner, n) -> found.add(new Condition(
                AlertKind.UNACKNOWLEDGED_HANDOFFS, partner, recipient(partner),
                n + " transmission(s) livrée(s) sans accusé de réception après l'échéance")));
        return found;
    }

    private void routesDown(List<Condition> found) {
        for (HealthCheck.Result result : HealthCheckHelper.invokeReadiness(camel)) {
            if (result.getState() != HealthCheck.State.DOWN) {
                continue;
            }
            String id = result.getCheck().getId();
            if (id.startsWith("consumer:") && !failedPolling(result)) {
                // DOWN only because its first poll is still to come (initial delay): not broken, no alert.
                continue;
            }
            // The check's message names the endpoint; an error's class says what broke, never its text (hosts only).
            String why = result.getError().map(e -> e.getClass().getSimpleName())
                    .or(result::getMessage).orElse("DOWN");
            found.add(new Condition(AlertKind.ROUTE_DOWN, id, null, "Camel : " + id + " DOWN (" + why + ")"));
        }
    }

    private static boolean failedPolling(HealthCheck.Result result) {
        Object errors = result.getDetails().get(HealthCheck.FAILURE_ERROR_COUNT);
        return result.getError().isPresent() || (errors != null && !"0".equals(String.valueOf(errors)));
    }

    private void componentsDown(List<Condition> found) {
        HealthComponent root = health.health();
        if (!(root instanceof CompositeHealth composite)) {
            return;
        }
        composite.getComponents().forEach((name, component) -> {
            if (name.equals(CAMEL_COMPONENT) || properties.ignoredHealth().contains(name)) {
                return;
            }
            Status status = component.getStatus();
            if (!Status.UP.equals(status) && !Status.UNKNOWN.equals(status)) {
                found.add(new Condition(AlertKind.COMPONENT_DOWN, name, null,
                        "composant " + name + " : " + status.getCode()));
            }
        });
    }

    private Optional<Condition> silent(String partnerId, Instant now) {
        Optional<Duration> cadence = partners.expectedCadence(partnerId);
        if (cadence.isEmpty()) {
            return Optional.empty();
        }
        // Counted from the hub's start when the partner never sent anything, so a restart does not alert at once.
        Optional<Instant> last = intake.lastReceipt(partnerId);
        Instant since = last.orElse(startedAt);
        if (Duration.between(since, now).compareTo(cadence.get()) <= 0) {
            return Optional.empty();
        }
        return Optional.of(new Condition(AlertKind.PARTNER_SILENT, partnerId, partnerId,
                "aucun message depuis " + last.map(Instant::toString).orElse("la mise en service (" + startedAt + ")")
                        + " ; cadence attendue " + cadence.get()));
    }

    private Optional<Condition> errorRate(String partnerId, Instant now) {
        AlertProperties.ErrorRate rule = properties.errorRate();
        IntakeActivity.Volume volume = intake.volumeSince(partnerId, now.minus(rule.window()));
        if (volume.records() < rule.minimumRecords() || volume.errorRate() <= rule.threshold()) {
            return Optional.empty();
        }
        return Optional.of(new Condition(AlertKind.ERROR_RATE, partnerId, partnerId, String.format(Locale.ROOT,
                "%d erreur(s) sur %d enregistrement(s) en %s (%.0f %% > seuil %.0f %%)", volume.errors(),
                volume.records(), rule.window(), volume.errorRate() * 100, rule.threshold() * 100)));
    }

    private String recipient(String partner) {
        return HandoffBacklog.NO_PARTNER.equals(partner) ? null : partner;
    }
}
