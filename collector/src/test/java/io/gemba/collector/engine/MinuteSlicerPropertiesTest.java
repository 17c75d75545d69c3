package io.gemba.collector.engine;

import static io.gemba.collector.engine.EngineFixtures.morningShift;
import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.plant.BreakDefinition;
import io.gemba.collector.plant.Shift;
import io.gemba.collector.plant.ShiftCalendar;
import io.gemba.collector.plant.ShiftDefinition;
import io.gemba.collector.proptest.Property;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

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

  private static final long MAX_START_OFFSET_MS = 4 * 86_400_000L;
  private static final long MAX_LENGTH_MS = 20 * 3_600_000L;

  /** Where a span starts (after {@link #BASE}) and how long it lasts. */
  record Span(long startOffsetMs, long lengthMs) {}

  @Test
  void pieces_coverTheSpan_andPlannedTimeIsShiftOverlapLessBreaks() {
    Property.forAll(
        300,
        List.of(
            new Span(0, 0),
            new Span(0, MAX_LENGTH_MS),
            new Span(MAX_START_OFFSET_MS, 0),
            new Span(MAX_START_OFFSET_MS, MAX_LENGTH_MS)),
        d -> new Span(d.longBetween(0, MAX_START_OFFSET_MS), d.longBetween(0, MAX_LENGTH_MS)),
        span -> {
          Instant from = BASE.plusMillis(span.startOffsetMs());
          Instant to = from.plusMillis(span.lengthMs());
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

          assertThat(sums[0]).isEqualTo(span.lengthMs());
          assertThat(sums[1]).isEqualTo(plannedByShift(from, to));
        });
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
