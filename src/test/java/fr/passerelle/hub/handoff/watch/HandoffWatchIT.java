package fr.passerelle.hub.handoff.watch;

import static fr.passerelle.hub.testsupport.DemoCredentials.AILE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.passerelle.hub.testsupport.AileReferral;
import fr.passerelle.hub.testsupport.HubIntegrationTest;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reminders, escalation, the no-active-referent watchdog and the alert gauges, run by routes/handoff-watch.yaml
 * against the real hub. Deadlines are the production ones (working days, 30 days): the tests make timestamps old
 * by SQL and wait for the routes' next tick.
 */
// A batch of two: the watchdog must reach the third silent person in the same run, not re-select the first two.
@TestPropertySource(properties = {"passerelle.test.isolated-context=handoff-watch",
        "passerelle.handoffs.watch.batch-size=2"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HandoffWatchIT extends HubIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    AcknowledgementWatch watch;
    @Autowired
    NoActiveReferentWatchdog watchdog;
    @Autowired
    HandoffAlerts alerts;
    @Autowired
    MeterRegistry meters;

    @Test
    void unacknowledgedHandoffIsRemindedThenEscalatedToTheTerritoryCoordinatorOnceEach() {
        String beneficiary = refer(true);
        String original = pulledByAile(beneficiary);
        age("update handoff set delivered_at = now() - interval '10 days' where id = cast(:id as uuid)", original);

        JsonNode reminder = await().atMost(Duration.ofSeconds(10))
                .until(() -> handoffsOf(beneficiary).byRule("ack-reminder"), Optional::isPresent).orElseThrow();
        assertThat(reminder.get("trigger").asText()).isEqualTo("ACK_REMINDER");
        assertThat(reminder.at("/recipient/name").asText()).isEqualTo("Nadia Perrault");
        assertThat(reminder.at("/recipient/channel").asText()).isEqualTo("PULL_API");
        assertThat(reminder.get("reason").asText()).startsWith("Relance : le transfert " + original)
                .contains("3 jours ouvrés");
        assertThat(handoffsOf(beneficiary).withId(original).get("statusReason").asText()).startsWith("relancé le");
        JsonNode pulledReminder = pendingFor(AILE_KEY, reminder.get("handoffId").asText());
        assertThat(pulledReminder.at("/handoff/reminderOf").asText()).isEqualTo(original);

        age("update handoff_followup set at = now() - interval '10 days' where handoff_id = cast(:id as uuid)", original);
        JsonNode escalation = await().atMost(Duration.ofSeconds(10))
                .until(() -> handoffsOf(beneficiary).byRule("ack-escalation"), Optional::isPresent).orElseThrow();
        assertThat(escalation.get("trigger").asText()).isEqualTo("ACK_OVERDUE");
        assertThat(escalation.at("/recipient/role").asText()).isEqualTo("TERRITORY_COORDINATOR");
        assertThat(escalation.at("/recipient/name").asText()).isEqualTo("Camille Rouvier");
        assertThat(escalation.get("reason").asText()).contains("Nadia Perrault").contains(original);
        assertThat(escalation.get("explanation").asText()).contains("relancé").contains("coordinateur territorial");
        assertThat(handoffsOf(beneficiary).withId(original).get("statusReason").asText())
                .startsWith("escaladé au coordinateur territorial");

        // At most once each, however often the watch runs.
        watch.remindAndEscalate();
        watch.remindAndEscalate();
        assertThat(jdbc.sql("select count(*) from handoff where source_kind = 'HANDOFF' and source_id = :id")
                .param("id", original).query(Integer.class).single()).isEqualTo(2);
        assertThat(decisions(beneficiary)).contains("ACK_REMINDER|ack-reminder|ROUTED", "ACK_OVERDUE|ack-escalation|ROUTED");
    }

    @Test
    void acknowledgingTheReminderStopsTheEscalation() {
        String beneficiary = refer(true);
        String original = pulledByAile(beneficiary);
        age("update handoff set delivered_at = now() - interval '10 days' where id = cast(:id as uuid)", original);
        JsonNode reminder = await().atMost(Duration.ofSeconds(10))
                .until(() -> handoffsOf(beneficiary).byRule("ack-reminder"), Optional::isPresent).orElseThrow();
        assertThat(acknowledge(reminder.get("handoffId").asText(), AILE_KEY)
                .statusCode()).isEqualTo(200);
        age("update handoff_followup set at = now() - interval '10 days' where handoff_id = cast(:id as uuid)", original);

        watch.remindAndEscalate();
        assertThat(handoffsOf(beneficiary).byRule("ack-escalation")).isEmpty();
    }

    @Test
    void acknowledgedHandoffsAreNeverReminded() {
        String beneficiary = refer(true);
        String original = pulledByAile(beneficiary);
        assertThat(acknowledge(original, AILE_KEY).statusCode()).isEqualTo(200);
        age("update handoff set delivered_at = now() - interval '10 days' where id = cast(:id as uuid)", original);

        watch.remindAndEscalate();
        assertThat(handoffsOf(beneficiary).byRule("ack-reminder")).isEmpty();
    }

    @Test
    void overdueAndParkedHandoffsAreGaugedPerPartnerChannelAndRoute() {
        String beneficiary = refer(true);
        String original = pulledByAile(beneficiary);
        age("update handoff set delivered_at = now() - interval '10 days' where id = cast(:id as uuid)", original);
        String other = refer(true);
        String parked = handoffsOf(other).withRule("referral-accepted").get("handoffId").asText();
        age("update handoff set status = 'PARKED', parked_at = now() where id = cast(:id as uuid)", parked);

        alerts.refresh();
        Gauge overdue = meters.find("passerelle.handoffs.unacknowledged.overdue")
                .tags("partner", "aile", "channel", "PULL_API", "route", "handoff-watch").gauge();
        assertThat(overdue).isNotNull();
        assertThat(overdue.value()).isGreaterThanOrEqualTo(1);
        Gauge waiting = meters.find("passerelle.handoffs.parked.waiting")
                .tags("partner", "aile", "channel", "PULL_API", "route", "handoff-dispatch").gauge();
        assertThat(waiting).isNotNull();
        assertThat(waiting.value()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aPersonNobodyFollowedFor30DaysIsHandedToTheTerritoryCoordinatorOncePerSilentPeriod() {
        String silent = refer(true);
        String active = refer(true);
        // Someone recorded something about the second person today: they are followed.
        journeyEvent(active, "{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":true}");
        makeSilentFor40Days(silent, true);
        makeSilentFor40Days(active, false);

        JsonNode alert = await().atMost(Duration.ofSeconds(10))
                .until(() -> handoffsOf(silent).byRule("no-active-referent"), Optional::isPresent).orElseThrow();
        assertThat(alert.get("trigger").asText()).isEqualTo("NO_ACTIVE_REFERENT");
        assertThat(alert.at("/recipient/name").asText()).isEqualTo("Camille Rouvier");
        assertThat(alert.get("reason").asText()).contains("sans référent actif");
        assertThat(decisions(silent)).containsOnlyOnce("NO_ACTIVE_REFERENT|no-active-referent|ROUTED");

        watchdog.run();
        watchdog.run();
        assertThat(jdbc.sql("select count(*) from handoff where beneficiary_id = cast(:b as uuid) and trigger = 'NO_ACTIVE_REFERENT'")
                .param("b", silent).query(Integer.class).single()).isEqualTo(1);
        assertThat(decisions(silent)).containsOnlyOnce("NO_ACTIVE_REFERENT|no-active-referent|ROUTED");
        assertThat(handoffsOf(active).byRule("no-active-referent")).isEmpty();
    }

    @Test
    void theWatchdogReachesEverySilentPersonNotOnlyTheOldestBatch() {
        List<String> silent = List.of(refer(true), refer(true), refer(true));
        silent.forEach(person -> makeSilentFor40Days(person, true));

        watchdog.run();

        for (String person : silent) {
            assertThat(jdbc.sql("select count(*) from handoff where beneficiary_id = cast(:b as uuid) and trigger = 'NO_ACTIVE_REFERENT'")
                    .param("b", person).query(Integer.class).single()).as(person).isEqualTo(1);
        }
    }

    // --- helpers

    /** Everything about the person 40 days old, journey events too unless {@code journeyToo} is false. */
    private void makeSilentFor40Days(String beneficiary, boolean journeyToo) {
        List<String> updates = new ArrayList<>(List.of(
                "update beneficiary set created_at = now() - interval '40 days' where id = cast(:id as uuid)",
                "update referral set created_at = now() - interval '40 days', updated_at = now() - interval '40 days' "
                        + "where beneficiary_id = cast(:id as uuid)",
                "update beneficiary_referent set since = now() - interval '40 days' where beneficiary_id = cast(:id as uuid)"));
        if (journeyToo) {
            updates.add("update journey_event set recorded_at = now() - interval '40 days' "
                    + "where beneficiary_id = cast(:id as uuid)");
        }
        updates.forEach(sql -> age(sql, beneficiary));
    }

    private void age(String sql, String id) {
        jdbc.sql(sql).param("id", id).update();
    }

    /** Referred by AILE in a commune the Val d'Orge coordination covers; its referral-accepted handoff is AILE's. */
    private String refer(boolean consent) {
        return referNewPersonAsAile(AileReferral.newPerson().firstName("Inès")
                .lastName("Veille-" + UUID.randomUUID().toString().substring(0, 8))
                .birthDate(LocalDate.now().minusYears(35).minusDays(ThreadLocalRandom.current().nextInt(300)))
                .email("ines." + UUID.randomUUID() + "@example.org").postalCode("91240").consent(consent));
    }

    /** AILE lists its pending handoffs, which delivers them (pull API); the referral-accepted one of this person. */
    private String pulledByAile(String beneficiary) {
        String id = handoffsOf(beneficiary).withRule("referral-accepted").get("handoffId").asText();
        assertThat(pendingFor(AILE_KEY, id)).isNotNull();
        assertThat(handoffsOf(beneficiary).withId(id).get("status").asText()).isEqualTo("DELIVERED");
        return id;
    }

    private JsonNode pendingFor(String apiKey, String handoffId) {
        for (JsonNode item : pendingHandoffs(apiKey)) {
            if (item.get("handoffId").asText().equals(handoffId)) {
                return item;
            }
        }
        return null;
    }

    private List<String> decisions(String beneficiary) {
        List<String> lines = new ArrayList<>();
        for (JsonNode decision : handoffsOf(beneficiary).decisions()) {
            lines.add(decision.get("trigger").asText() + "|" + decision.get("rule_id").asText() + "|"
                    + decision.get("outcome").asText());
        }
        return lines;
    }
}
