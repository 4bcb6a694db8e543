package fr.passerelle.hub.handoff.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class WorkingDaysTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void threeWorkingDaysAfterAFridaySkipTheWeekend() {
        Instant friday = ZonedDateTime.of(2026, 11, 20, 17, 0, 0, 0, PARIS).toInstant();
        assertThat(WorkingDays.after(friday, 3, PARIS))
                .isEqualTo(ZonedDateTime.of(2026, 11, 25, 17, 0, 0, 0, PARIS).toInstant());
    }

    @Test
    void publicHolidaysAreNotWorkingDays() {
        assertThat(WorkingDays.easterSunday(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(WorkingDays.easterSunday(2027)).isEqualTo(LocalDate.of(2027, 3, 28));
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 4, 6))).as("Easter Monday").isFalse();
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 5, 14))).as("Ascension").isFalse();
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 5, 25))).as("Whit Monday").isFalse();
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 7, 14))).isFalse();
        assertThat(WorkingDays.isWorkingDay(LocalDate.of(2026, 7, 15))).isTrue();
        // Monday 13 July + 1 working day skips 14 July.
        Instant monday = ZonedDateTime.of(2026, 7, 13, 9, 0, 0, 0, PARIS).toInstant();
        assertThat(WorkingDays.after(monday, 1, PARIS))
                .isEqualTo(ZonedDateTime.of(2026, 7, 15, 9, 0, 0, 0, PARIS).toInstant());
    }
}
