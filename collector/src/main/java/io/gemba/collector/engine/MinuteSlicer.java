package io.gemba.collector.engine;

import io.gemba.collector.plant.Shift;
import io.gemba.collector.plant.ShiftCalendar;
import java.time.Instant;
import java.util.Objects;

/**
 * Cuts a span of event time into the pieces the engine adds to its minute buckets: each piece lies
 * in one minute and in one shift (or between shifts), and says how much of it is planned production
 * time, that is, within a shift and not in a break. Time in {@code PLANNED_STOP} is the caller's to
 * subtract, since it depends on the station's state.
 *
 * <p>Not thread-safe: it caches the last shift and the last gap between shifts it found, and
 * belongs to one owner thread.
 */
public final class MinuteSlicer {

  private static final long MINUTE_MS = 60_000;

  /** Receives the pieces of a span, in time order. */
  @FunctionalInterface
  public interface Sink {
    /**
     * One piece of a span.
     *
     * @param minute the start of the minute bucket it lies in
     * @param shift the shift it lies in, or {@code null} between shifts
     * @param calendarMs its length
     * @param plannedMs the part of it within the shift and outside breaks
     */
    void accept(Instant minute, Shift shift, long calendarMs, long plannedMs);
  }

  private final ShiftCalendar calendar;
  private Shift cached;
  private Instant gapFrom;
  private Instant gapEnd;

  /** A slicer for a site's shift calendar. */
  public MinuteSlicer(ShiftCalendar calendar) {
    this.calendar = Objects.requireNonNull(calendar, "calendar");
  }

  private MinuteSlicer() {
    this.calendar = null;
  }

  /** A slicer for a site without a shift calendar: all its time lies between shifts. */
  public static MinuteSlicer withoutShifts() {
    return new MinuteSlicer();
  }

  /** Cuts {@code [from, to)} into pieces; an empty or reversed span gives none. */
  public void slice(Instant from, Instant to, Sink sink) {
    Instant t = from;
    while (t.isBefore(to)) {
      Shift shift = shiftAt(t);
      Instant minute = Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), MINUTE_MS) * MINUTE_MS);
      Instant end = earliest(to, minute.plusMillis(MINUTE_MS));
      end = earliest(end, shift != null ? shift.end() : gapEnd(t));
      long calendarMs = end.toEpochMilli() - t.toEpochMilli();
      long plannedMs = shift == null ? 0 : calendarMs - shift.breakMillisBetween(t, end);
      sink.accept(minute, shift, calendarMs, plannedMs);
      t = end;
    }
  }

  /**
   * The shift {@code t} lies in, or {@code null} between shifts. Cached: looking up an instant in
   * the last shift or gap found is cheap.
   */
  public Shift shiftAt(Instant t) {
    if (cached != null && cached.contains(t)) {
      return cached;
    }
    if (gapFrom != null && !t.isBefore(gapFrom) && t.isBefore(gapEnd)) {
      return null;
    }
    Shift found = calendar == null ? null : calendar.shiftAt(t).orElse(null);
    if (found != null) {
      cached = found;
    } else {
      gapFrom = t;
      gapEnd =
          calendar == null
              ? Instant.MAX
              : calendar.nextShiftStartingAfter(t).map(Shift::start).orElse(Instant.MAX);
    }
    return found;
  }

  /** The start of the next shift after {@code t}, which lies between shifts. */
  private Instant gapEnd(Instant t) {
    if (gapFrom == null || t.isBefore(gapFrom) || !t.isBefore(gapEnd)) {
      shiftAt(t);
    }
    return gapEnd;
  }

  private static Instant earliest(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
