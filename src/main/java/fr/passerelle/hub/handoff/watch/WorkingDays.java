package fr.passerelle.hub.handoff.watch;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/** Working days in France: Monday to Friday, less the eleven public holidays of metropolitan France. */
final class WorkingDays {

    private static final Set<MonthDay> FIXED_HOLIDAYS = Set.of(MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(5, 8),
            MonthDay.of(7, 14), MonthDay.of(8, 15), MonthDay.of(11, 1), MonthDay.of(11, 11), MonthDay.of(12, 25));

    private WorkingDays() {
    }

    /** The same time of day, {@code days} working days after {@code from} (a deadline). */
    public static Instant after(Instant from, int days, ZoneId zone) {
        ZonedDateTime at = from.atZone(zone);
        int counted = 0;
        while (counted < days) {
            at = at.plusDays(1);
            if (isWorkingDay(at.toLocalDate())) {
                counted++;
            }
        }
        return at.toInstant();
    }

    public static boolean isWorkingDay(LocalDate day) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return false;
        }
        if (FIXED_HOLIDAYS.contains(MonthDay.from(day))) {
            return false;
        }
        LocalDate easter = easterSunday(day.getYear());
        return !day.equals(easter.plusDays(1)) && !day.equals(easter.plusDays(39)) && !day.equals(easter.plusDays(50));
    }

    /** Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(year, month, day);
    }
}
