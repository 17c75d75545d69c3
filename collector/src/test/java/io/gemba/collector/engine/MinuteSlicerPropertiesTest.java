package io.gemba.collector.engine;

import static io.gemba.collector.engine.EngineFixtures.morningShift;
import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.plant.BreakDefinition;
import io.gemba.collector.plant.Shift;
import io.gemba.collector.plant.ShiftCalendar;
import io.gemba.collector.plant.ShiftDefinition;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

/**
 * The pieces of a span cover it exactly, each within one minute, and their planned time equals the
 * span's overlap with shifts less breaks, computed shift by shift. Europe/Berlin, around the
 * October 2026 clock change, with a night shift so that spans cross midnight and the change.
 */
class MinuteSlicerPropertiesTest {

  private static final ShiftCalendar CALENDAR =
      new ShiftCalendar(
          ZoneId.of("Europe/Berlin"),
          List.of(
              morningShift(LocalTime.of(9, 0)),
              new ShiftDefinition(
                  "C",
                  LocalTime.of(22, 0),
                  LocalTime.of(6, 0),
                  List.of(new BreakDefinition("meal", LocalTime.of(2, 0), LocalTime.of(2, 30))),
                  EnumSet.allOf(DayOfWeek.class))),
          Set.of());

  private static final Instant BASE = Instant.parse("2026-10-23T00:00:00Z");

  @Property(tries = 300)
  void pieces_coverTheSpan_andPlannedTimeIsShiftOverlapLessBreaks(
      @ForAll @LongRange(min = 0, max = 4 * 86_400_000L) long startOffsetMs,
      @ForAll @LongRange(min = 0, max = 20 * 3_600_000L) long lengthMs) {
    Instant from = BASE.plusMillis(startOffsetMs);
    Instant to = from.plusMillis(lengthMs);
    long[] sums = new long[2];

    new MinuteSlicer(CALENDAR)
        .slice(
            from.toEpochMilli(),
            to.toEpochMilli(),
            (minute, shift, calendarMs, plannedMs) -> {
              assertThat(minute % 60_000).isZero();
              assertThat(calendarMs).isBetween(1L, 60_000L);
              assertThat(plannedMs).isBetween(0L, calendarMs);
              sums[0] += calendarMs;
              sums[1] += plannedMs;
            });

    assertThat(sums[0]).isEqualTo(lengthMs);
    assertThat(sums[1]).isEqualTo(plannedByShift(from, to));
  }

  /** Independent of the slicer: walk the shifts that overlap the span. */
  private static long plannedByShift(Instant from, Instant to) {
    long planned = 0;
    Optional<Shift> shift = CALENDAR.shiftAt(from).or(() -> CALENDAR.nextShiftStartingAfter(from));
    while (shift.isPresent() && shift.get().start().isBefore(to)) {
      Shift s = shift.get();
      Instant a = s.start().isAfter(from) ? s.start() : from;
      Instant b = s.end().isBefore(to) ? s.end() : to;
      if (a.isBefore(b)) {
        planned += b.toEpochMilli() - a.toEpochMilli() - s.breakMillisBetween(a, b);
      }
      shift = CALENDAR.nextShiftStartingAfter(s.start());
    }
    return planned;
  }
}
