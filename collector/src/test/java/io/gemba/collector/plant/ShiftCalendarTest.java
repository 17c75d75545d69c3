package io.gemba.collector.plant;

import static io.gemba.collector.plant.ShiftFixtures.KARACHI;
import static io.gemba.collector.plant.ShiftFixtures.MON_FRI;
import static io.gemba.collector.plant.ShiftFixtures.threeShifts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Three shifts Mon–Fri in Asia/Karachi (UTC+5 all year, so local time minus 5 hours is UTC).
 * 2026-11-26 is a Thursday: Wed 25, Thu 26, Fri 27, Sat 28, Sun 29, Mon 30.
 */
class ShiftCalendarTest {

  private final ShiftCalendar calendar = new ShiftCalendar(KARACHI, threeShifts(MON_FRI), Set.of());

  @Test
  void shiftAt_startOfMorningShift_isInclusive() {
    Shift shift = calendar.shiftAt(at("2026-11-26T06:00:00+05:00")).orElseThrow();

    assertThat(shift.id()).isEqualTo("2026-11-26/A");
    // 06:00+05:00 = 01:00Z; 14:00+05:00 = 09:00Z
    assertThat(shift.start()).isEqualTo(Instant.parse("2026-11-26T01:00:00Z"));
    assertThat(shift.end()).isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
  }

  @Test
  void shiftAt_shiftChange_belongsToTheShiftThatStarts() {
    assertThat(calendar.shiftAt(at("2026-11-26T13:59:59.999+05:00")).orElseThrow().id())
        .isEqualTo("2026-11-26/A");
    assertThat(calendar.shiftAt(at("2026-11-26T14:00:00+05:00")).orElseThrow().id())
        .isEqualTo("2026-11-26/B");
    assertThat(calendar.shiftAt(at("2026-11-26T22:00:00+05:00")).orElseThrow().id())
        .isEqualTo("2026-11-26/C");
  }

  @Test
  void shiftAt_nightShift_crossesMidnight() {
    Shift shift = calendar.shiftAt(at("2026-11-26T05:59:59+05:00")).orElseThrow();

    // Started Wednesday 22:00+05:00 = 17:00Z, ends Thursday 06:00+05:00 = 01:00Z.
    assertThat(shift.id()).isEqualTo("2026-11-25/C");
    assertThat(shift.start()).isEqualTo(Instant.parse("2026-11-25T17:00:00Z"));
    assertThat(shift.end()).isEqualTo(Instant.parse("2026-11-26T01:00:00Z"));
    // The break 02:00–02:30 is on Thursday morning: 21:00Z–21:30Z on Wednesday in UTC.
    assertThat(shift.breaks())
        .containsExactly(
            new Interval(
                Instant.parse("2026-11-25T21:00:00Z"), Instant.parse("2026-11-25T21:30:00Z")));
    assertThat(calendar.shiftAt(at("2026-11-26T00:30:00+05:00"))).contains(shift);
  }

  @Test
  void morningShift_plannedTime_isLengthLessBreaks() {
    Shift shift = calendar.shiftAt(at("2026-11-26T10:00:00+05:00")).orElseThrow();

    // 14:00 − 06:00 = 8 h; breaks 15 min + 30 min = 45 min; 8 h − 45 min = 7 h 15 min.
    assertThat(shift.length()).isEqualTo(Duration.ofHours(8));
    assertThat(shift.breakTime()).isEqualTo(Duration.ofMinutes(45));
    assertThat(shift.plannedTime()).isEqualTo(Duration.ofHours(7).plusMinutes(15));
    // 09:00+05:00 = 04:00Z–04:15Z, 11:30+05:00 = 06:30Z–07:00Z
    assertThat(shift.breaks())
        .containsExactly(
            new Interval(
                Instant.parse("2026-11-26T04:00:00Z"), Instant.parse("2026-11-26T04:15:00Z")),
            new Interval(
                Instant.parse("2026-11-26T06:30:00Z"), Instant.parse("2026-11-26T07:00:00Z")));
  }

  @Test
  void shiftAt_saturdayMorning_isEmpty() {
    assertThat(calendar.shiftAt(at("2026-11-28T10:00:00+05:00"))).isEmpty();
  }

  @Test
  void shiftAt_fridayNightShift_runsIntoSaturdayMorning() {
    Shift shift = calendar.shiftAt(at("2026-11-28T03:00:00+05:00")).orElseThrow();

    assertThat(shift.id()).isEqualTo("2026-11-27/C");
    // Saturday 06:00+05:00 = 01:00Z, and no shift A follows on Saturday.
    assertThat(shift.end()).isEqualTo(Instant.parse("2026-11-28T01:00:00Z"));
    assertThat(calendar.shiftAt(at("2026-11-28T06:00:00+05:00"))).isEmpty();
  }

  @Test
  void shiftAt_mondayBeforeSix_isEmpty_becauseSundayHasNoNightShift() {
    assertThat(calendar.shiftAt(at("2026-11-29T23:00:00+05:00"))).isEmpty();
    assertThat(calendar.shiftAt(at("2026-11-30T05:59:59+05:00"))).isEmpty();
    assertThat(calendar.shiftAt(at("2026-11-30T06:00:00+05:00")).orElseThrow().id())
        .isEqualTo("2026-11-30/A");
  }

  @Test
  void shiftAt_holiday_noShiftStartsThatDay() {
    LocalDate holiday = LocalDate.parse("2026-11-26");
    ShiftCalendar withHoliday = new ShiftCalendar(KARACHI, threeShifts(MON_FRI), Set.of(holiday));

    assertThat(withHoliday.shiftAt(at("2026-11-26T10:00:00+05:00"))).isEmpty();
    assertThat(withHoliday.shiftAt(at("2026-11-26T23:00:00+05:00"))).isEmpty();
    // The night shift of the day before still ends on the holiday morning.
    assertThat(withHoliday.shiftAt(at("2026-11-26T03:00:00+05:00")).orElseThrow().id())
        .isEqualTo("2026-11-25/C");
    // The night shift of the holiday, which would run until Friday 06:00, does not happen.
    assertThat(withHoliday.shiftAt(at("2026-11-27T03:00:00+05:00"))).isEmpty();
    assertThat(withHoliday.nextShiftStartingAfter(at("2026-11-26T05:00:00+05:00")).orElseThrow())
        .extracting(Shift::id)
        .isEqualTo("2026-11-27/A");
  }

  @Test
  void nextShiftStartingAfter_fridayNight_isMondayMorning() {
    Shift next = calendar.nextShiftStartingAfter(at("2026-11-27T23:00:00+05:00")).orElseThrow();

    // Monday 2026-11-30 06:00+05:00 = 06:00 − 5 h = 01:00Z
    assertThat(next.id()).isEqualTo("2026-11-30/A");
    assertThat(next.start()).isEqualTo(Instant.parse("2026-11-30T01:00:00Z"));
  }

  @Test
  void nextShiftStartingAfter_atAStart_isStrictlyAfter() {
    Shift next = calendar.nextShiftStartingAfter(at("2026-11-26T06:00:00+05:00")).orElseThrow();

    // 14:00+05:00 = 09:00Z
    assertThat(next.id()).isEqualTo("2026-11-26/B");
    assertThat(next.start()).isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
  }

  @Test
  void nextShiftStartingAfter_searchesAtMost400Days() {
    // One shift on Mondays; t is on Monday D = 2026-11-30, after its start. Mondays after D are
    // D + 7k; the last one within D + 400 is k = 57 (D + 399), the next is D + 406.
    ShiftDefinition mondays =
        new ShiftDefinition(
            "M",
            ShiftFixtures.time("06:00"),
            ShiftFixtures.time("14:00"),
            List.of(),
            Set.of(DayOfWeek.MONDAY));
    LocalDate monday = LocalDate.parse("2026-11-30");
    Instant t = at("2026-11-30T12:00:00+05:00");
    Set<LocalDate> holidays = new HashSet<>();
    for (int k = 1; k <= 56; k++) {
      holidays.add(monday.plusDays(7L * k));
    }
    ShiftCalendar lastInRange = new ShiftCalendar(KARACHI, List.of(mondays), holidays);
    holidays.add(monday.plusDays(7L * 57));
    ShiftCalendar noneInRange = new ShiftCalendar(KARACHI, List.of(mondays), holidays);

    // D + 399: 2026-11-30 + 365 = 2027-11-30 (no 29 February between), + 34 = 2028-01-03.
    // 06:00+05:00 = 01:00Z
    assertThat(lastInRange.nextShiftStartingAfter(t).orElseThrow().start())
        .isEqualTo(Instant.parse("2028-01-03T01:00:00Z"));
    assertThat(noneInRange.nextShiftStartingAfter(t)).isEmpty();
  }

  private static Instant at(String offsetDateTime) {
    return OffsetDateTime.parse(offsetDateTime).toInstant();
  }
}
