package io.gemba.collector.plant;

import static io.gemba.collector.plant.ShiftFixtures.BERLIN;
import static io.gemba.collector.plant.ShiftFixtures.MON_SAT;
import static io.gemba.collector.plant.ShiftFixtures.threeShifts;
import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.proptest.Draw;
import io.gemba.collector.proptest.Property;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Invariants of the three-shift calendar Mon–Sat in Europe/Berlin over 2026, which has both clock
 * changes. Half of the instants are within a few milliseconds of a shift or break boundary.
 */
class ShiftCalendarPropertiesTest {

  private static final ShiftCalendar CALENDAR =
      new ShiftCalendar(BERLIN, threeShifts(MON_SAT), Set.of(LocalDate.parse("2026-05-01")));

  @Test
  void shiftAt_containsTheInstant_andPlannedTimeIsLengthLessBreaks() {
    Property.forAll(
        3000,
        ShiftCalendarPropertiesTest::instants2026,
        t -> {
          Optional<Shift> found = CALENDAR.shiftAt(t);
          Optional<Shift> nextMilli = CALENDAR.shiftAt(t.plusMillis(1));

          if (found.isPresent()) {
            Shift shift = found.get();
            assertThat(shift.start()).isBeforeOrEqualTo(t);
            assertThat(shift.end()).isAfter(t);
            assertThat(shift.plannedTime()).isEqualTo(shift.length().minus(shift.breakTime()));
            assertThat(shift.breakTime()).isLessThanOrEqualTo(shift.length());
            if (!nextMilli.equals(found)) {
              assertThat(t.plusMillis(1)).isEqualTo(shift.end());
            }
          }
          if (nextMilli.isPresent() && !nextMilli.equals(found)) {
            assertThat(nextMilli.get().start()).isEqualTo(t.plusMillis(1));
          }
        });
  }

  @Test
  void nextShiftStartingAfter_startsAfterT_andIsFoundAtItsStart() {
    Property.forAll(
        1000,
        ShiftCalendarPropertiesTest::instants2026,
        t -> {
          Shift next = CALENDAR.nextShiftStartingAfter(t).orElseThrow();

          assertThat(next.start()).isAfter(t);
          assertThat(CALENDAR.shiftAt(next.start())).contains(next);
          // Nothing starts in between: the instant before the next start is not in a later shift.
          CALENDAR
              .shiftAt(next.start().minusMillis(1))
              .ifPresent(before -> assertThat(before.start()).isBeforeOrEqualTo(t));
        });
  }

  /** An instant of 2026: anywhere, or within two milliseconds of a shift or break boundary. */
  private static Instant instants2026(Draw d) {
    if (d.bool()) {
      long from = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
      long to = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();
      return Instant.ofEpochMilli(d.longBetween(from, to));
    }
    int day = d.intBetween(0, 364);
    String time = d.pick("06:00", "14:00", "22:00", "02:00", "02:30", "09:15", "12:00");
    long millis = d.longBetween(-2, 2);
    return ZonedDateTime.of(LocalDate.of(2026, 1, 1).plusDays(day), LocalTime.parse(time), BERLIN)
        .toInstant()
        .plusMillis(millis);
  }
}
