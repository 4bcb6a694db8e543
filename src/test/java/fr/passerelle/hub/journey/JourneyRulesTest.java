package fr.passerelle.hub.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.passerelle.hub.canonical.Barrier;
import fr.passerelle.hub.canonical.FieldIssue;
import fr.passerelle.hub.testsupport.Json;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Parsing journey events and what may follow what, without HTTP or a database. */
class JourneyRulesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T09:00:00Z"), ZoneOffset.UTC);
    private final JourneyEventParser parser = new JourneyEventParser(CLOCK);
    private final UUID beneficiary = UUID.randomUUID();

    private JourneyEvent event(String json) {
        return parser.parse(Json.read(json), beneficiary, "ruche-itineraire");
    }

    private static List<String> fields(Runnable parsing) {
        try {
            parsing.run();
            return List.of();
        } catch (InvalidJourneyEventException e) {
            return e.errors().stream().map(FieldIssue::field).toList();
        }
    }

    @Test
    void readsAFlatBarrierEventWithItsOccurrenceTime() {
        JourneyEvent event = event("""
                {"type":"BARRIER_REPORTED","occurredAt":"2026-11-20T10:00:00+01:00","barrier":"LOGEMENT","note":"hébergé chez un tiers"}""");
        assertThat(event.type()).isEqualTo(JourneyEventType.BARRIER_REPORTED);
        assertThat(event.barrier()).isEqualTo(Barrier.LOGEMENT);
        assertThat(event.occurredAt().toInstant()).isEqualTo(Instant.parse("2026-11-20T09:00:00Z"));
    }

    @Test
    void occurredAtDefaultsToNow() {
        assertThat(event("{\"type\":\"NO_SHOW\"}").occurredAt().toInstant()).isEqualTo(CLOCK.instant());
    }

    @Test
    void listsEveryFieldErrorAtOnce() {
        assertThat(fields(() -> event("""
                {"type":"BARRIER_REPORTED","barrier":"TELEPORTATION","occurredAt":"hier","outcome":"EMPLOYMENT"}""")))
                .containsExactlyInAnyOrder("barrier", "occurredAt", "outcome");
    }

    @Test
    void unknownTypeAndMissingRequiredFieldsAreErrors() {
        assertThat(fields(() -> event("{\"type\":\"PARTY\"}"))).containsExactly("type");
        assertThat(fields(() -> event("{\"type\":\"PROGRAMME_COMPLETED\"}"))).containsExactly("outcome");
        assertThat(fields(() -> event("{\"type\":\"WORKSHOP_ATTENDED\"}"))).containsExactly("kind");
        assertThat(fields(() -> event("{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":false}"))).containsExactly("reason");
        assertThat(fields(() -> event("{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":\"oui\"}"))).containsExactly("eligible");
    }

    @Test
    void eventInTheFutureIsRefused() {
        assertThat(fields(() -> event("{\"type\":\"NO_SHOW\",\"occurredAt\":\"2027-01-01T10:00:00+01:00\"}")))
                .containsExactly("occurredAt");
    }

    @Test
    void referentMayBeANameOrAContact() {
        assertThat(event("{\"type\":\"REFERENT_ASSIGNED\",\"referent\":\"Julie Morel\"}").referent().lastName())
                .isEqualTo("Julie Morel");
        assertThat(event("""
                {"type":"REFERENT_ASSIGNED","referent":{"firstName":"Julie","lastName":"Morel","email":"j.morel@laruche.example.org"}}""")
                .referent().email()).isEqualTo("j.morel@laruche.example.org");
        assertThat(fields(() -> event("{\"type\":\"REFERENT_ASSIGNED\",\"referent\":{\"email\":\"nope\"}}")))
                .containsExactlyInAnyOrder("referent.lastName", "referent.email");
    }

    @Test
    void completionBeforeTheLaunchWorkshopIsAConflict() {
        JourneyState state = JourneyState.of(Set.of(), List.of(event("{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":true}")));
        assertThatThrownBy(() -> state.check(event("{\"type\":\"PROGRAMME_COMPLETED\",\"outcome\":\"EMPLOYMENT\"}")))
                .isInstanceOf(JourneyConflictException.class)
                .extracting(e -> ((JourneyConflictException) e).code()).isEqualTo("PARCOURS_NON_COMMENCE");
    }

    @Test
    void launchNeedsAPositiveEligibilityDecision() {
        JourneyEvent launch = event("{\"type\":\"WORKSHOP_ATTENDED\",\"kind\":\"LAUNCH\"}");
        assertThatThrownBy(() -> JourneyState.initial(Set.of()).check(launch))
                .extracting(e -> ((JourneyConflictException) e).code()).isEqualTo("ELIGIBILITE_NON_DECIDEE");
        JourneyState refused = JourneyState.of(Set.of(),
                List.of(event("{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":false,\"reason\":\"projet salarié\"}")));
        assertThatThrownBy(() -> refused.check(launch))
                .extracting(e -> ((JourneyConflictException) e).code()).isEqualTo("NON_ELIGIBLE");
    }

    @Test
    void theFirstLaunchStartsTheProgrammeAndOnlyTheFirst() {
        JourneyState eligible = JourneyState.of(Set.of(), List.of(event("{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":true}")));
        JourneyEvent launch = event("{\"type\":\"WORKSHOP_ATTENDED\",\"kind\":\"LAUNCH\"}");
        assertThat(eligible.starts(launch)).isTrue();
        JourneyState started = eligible.after(launch);
        assertThat(started.started()).isTrue();
        assertThat(started.starts(event("{\"type\":\"WORKSHOP_ATTENDED\",\"kind\":\"LAUNCH\"}"))).isFalse();
        assertThatThrownBy(() -> started.check(event("{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":true}")))
                .extracting(e -> ((JourneyConflictException) e).code()).isEqualTo("PARCOURS_DEJA_COMMENCE");
    }

    @Test
    void nothingFollowsACompletionOrADropOut() {
        List<JourneyEvent> events = new ArrayList<>(List.of(event("{\"type\":\"ELIGIBILITY_DECIDED\",\"eligible\":true}"),
                event("{\"type\":\"WORKSHOP_ATTENDED\",\"kind\":\"LAUNCH\"}"),
                event("{\"type\":\"PROGRAMME_COMPLETED\",\"outcome\":\"NONE\"}")));
        assertThatThrownBy(() -> JourneyState.of(Set.of(), events).check(event("{\"type\":\"NO_SHOW\"}")))
                .extracting(e -> ((JourneyConflictException) e).code()).isEqualTo("PARCOURS_CLOS");
        JourneyState dropped = JourneyState.initial(Set.of()).after(event("{\"type\":\"DROPPED_OUT\"}"));
        assertThatThrownBy(() -> dropped.check(event("{\"type\":\"APPOINTMENT_HELD\"}")))
                .extracting(e -> ((JourneyConflictException) e).code()).isEqualTo("PARCOURS_CLOS");
    }

    @Test
    void onlyAnOpenBarrierCanBeResolved() {
        JourneyEvent resolved = event("{\"type\":\"BARRIER_RESOLVED\",\"barrier\":\"LOGEMENT\"}");
        assertThatThrownBy(() -> JourneyState.initial(Set.of()).check(resolved))
                .extracting(e -> ((JourneyConflictException) e).code()).isEqualTo("FREIN_NON_SIGNALE");
        JourneyState fromReferral = JourneyState.initial(Set.of(Barrier.LOGEMENT));
        fromReferral.check(resolved);
        assertThat(fromReferral.after(resolved).openBarriers()).isEmpty();
    }

    @Test
    void countsNoShows() {
        JourneyState state = JourneyState.initial(Set.of()).after(event("{\"type\":\"NO_SHOW\"}"))
                .after(event("{\"type\":\"NO_SHOW\"}"));
        assertThat(state.noShows()).isEqualTo(2);
    }
}
