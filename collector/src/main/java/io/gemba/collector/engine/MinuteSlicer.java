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
 * <p>Not thread-safe: it caches the last shifts and the last gap between shifts it found, and
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
     * @param minuteMs the start of the minute bucket it lies in, in epoch milliseconds
     * @param shift the shift it lies in, or {@code null} between shifts
     * @param calendarMs its length
     * @param plannedMs the part of it within the shift and outside breaks
     */
    void accept(long minuteMs, Shift shift, long calendarMs, long plannedMs);
  }

  /** How many shifts found last are kept: stations cross a shift change at different times. */
  private static final int RECENT_SHIFTS = 4;

  private final ShiftCalendar calendar;
  private final Shift[] recent = new Shift[RECENT_SHIFTS];
  private int nextRecent;
  private long gapFromMs = Long.MAX_VALUE;
  private long gapEndMs = Long.MIN_VALUE;

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

  /**
   * Cuts {@code [fromMs, toMs)}, in epoch milliseconds, into pieces; an empty or reversed span
   * gives none.
   */
  public void slice(long fromMs, long toMs, Sink sink) {
    long t = fromMs;
    while (t < toMs) {
      Shift shift = shiftAt(t);
      long minute = Math.floorDiv(t, MINUTE_MS) * MINUTE_MS;
      long end = Math.min(toMs, minute + MINUTE_MS);
      end = Math.min(end, shift != null ? shift.endMillis() : gapEnd(t));
      long calendarMs = end - t;
      long plannedMs = shift == null ? 0 : calendarMs - shift.breakMillisBetween(t, end);
      sink.accept(minute, shift, calendarMs, plannedMs);
      t = end;
    }
  }

  /**
   * The shift {@code epochMs} lies in, or {@code null} between shifts. Cached: looking up an
   * instant in one of the last shifts or the last gap found is cheap, and gives the same {@link
   * Shift} object.
   */
  public Shift shiftAt(long epochMs) {
    for (Shift shift : recent) {
      if (shift != null && shift.containsMillis(epochMs)) {
        return shift;
      }
    }
    if (epochMs >= gapFromMs && epochMs < gapEndMs) {
      return null;
    }
    Instant t = Instant.ofEpochMilli(epochMs);
    Shift found = calendar == null ? null : calendar.shiftAt(t).orElse(null);
    if (found != null) {
      recent[nextRecent] = found;
      nextRecent = (nextRecent + 1) % RECENT_SHIFTS;
    } else {
      gapFromMs = epochMs;
      gapEndMs =
          calendar == null
              ? Long.MAX_VALUE
              : calendar.nextShiftStartingAfter(t).map(Shift::startMillis).orElse(Long.MAX_VALUE);
    }
    return found;
  }

  /** The start of the next shift after {@code epochMs}, which lies between shifts. */
  private long gapEnd(long epochMs) {
    if (epochMs < gapFromMs || epochMs >= gapEndMs) {
      shiftAt(epochMs);
    }
    return gapEndMs;
  }
}
