package io.gemba.collector.plant;

import static io.gemba.collector.plant.ShiftFixtures.BERLIN;
import static io.gemba.collector.plant.ShiftFixtures.MON_SAT;
import static io.gemba.collector.plant.ShiftFixtures.threeShifts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of the three-shift calendar Mon–Sat in Europe/Berlin over 2026, which has both clock
 * changes. Half of the instants are within a few milliseconds of a shift or break boundary.
 */
class ShiftCalendarPropertiesTest {

  private static final ShiftCalendar CALENDAR =
      new ShiftCalendar(BERLIN, threeShifts(MON_SAT), Set.of(LocalDate.parse("2026-05-01")));

  @Property(tries = 3000)
  void shiftAt_containsTheInstant_andPlannedTimeIsLengthLessBreaks(
      @ForAll("instants2026") Instant t) {
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
  }

  @Property(tries = 1000)
  void nextShiftStartingAfter_startsAfterT_andIsFoundAtItsStart(@ForAll("instants2026") Instant t) {
    Shift next = CALENDAR.nextShiftStartingAfter(t).orElseThrow();

    assertThat(next.start()).isAfter(t);
    assertThat(CALENDAR.shiftAt(next.start())).contains(next);
    // Nothing starts in between: the instant before the next start is not in a later shift.
    CALENDAR
        .shiftAt(next.start().minusMillis(1))
        .ifPresent(before -> assertThat(before.start()).isBeforeOrEqualTo(t));
  }

  @Provide
  Arbitrary<Instant> instants2026() {
    long from = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    long to = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();
    Arbitrary<Instant> anywhere = Arbitraries.longs().between(from, to).map(Instant::ofEpochMilli);
    Arbitrary<Instant> nearBoundary =
        Combinators.combine(
                Arbitraries.integers().between(0, 364),
                Arbitraries.of("06:00", "14:00", "22:00", "02:00", "02:30", "09:15", "12:00"),
                Arbitraries.longs().between(-2, 2))
            .as(
                (day, time, millis) ->
                    ZonedDateTime.of(
                            LocalDate.of(2026, 1, 1).plusDays(day), LocalTime.parse(time), BERLIN)
                        .toInstant()
                        .plusMillis(millis));
    return Arbitraries.oneOf(anywhere, nearBoundary);
  }
}
