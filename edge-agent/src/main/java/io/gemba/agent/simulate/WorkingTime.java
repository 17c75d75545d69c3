package io.gemba.agent.simulate;

import io.gemba.collector.plant.Interval;
import io.gemba.collector.plant.Shift;
import io.gemba.collector.plant.ShiftCalendar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When the plant works, per its shift calendar: in a shift outside its breaks. Shift instances are
 * loaded from the calendar as time goes on, so the answers depend only on the calendar, not on the
 * order of the questions. Times are epoch milliseconds, at or after the start time.
 */
final class WorkingTime {

  /** What the calendar says about an instant. */
  enum Status {
    /** In a shift, outside its breaks: planned production time. */
    WORKING,
    /** In a scheduled break of a shift. */
    BREAK,
    /** Between shifts. */
    OFF_SHIFT
  }

  private final ShiftCalendar calendar;
  private final List<Shift> shifts = new ArrayList<>();
  private boolean exhausted;

  WorkingTime(ShiftCalendar calendar, long startMs) {
    this.calendar = calendar;
    Instant start = Instant.ofEpochMilli(startMs);
    Optional<Shift> first =
        calendar.shiftAt(start).or(() -> calendar.nextShiftStartingAfter(start));
    first.ifPresentOrElse(shifts::add, () -> exhausted = true);
  }

  /** The shift instance {@code ms} is in, or {@code null} between shifts. */
  Shift shiftAt(long ms) {
    loadThrough(ms);
    int i = lastStartingAtOrBefore(ms);
    if (i < 0) {
      return null;
    }
    Shift shift = shifts.get(i);
    return ms < shift.endMillis() ? shift : null;
  }

  /** Whether {@code ms} is working time, in a break or between shifts. */
  Status statusAt(long ms) {
    Shift shift = shiftAt(ms);
    if (shift == null) {
      return Status.OFF_SHIFT;
    }
    for (Interval b : shift.breaks()) {
      if (ms >= b.start().toEpochMilli() && ms < b.end().toEpochMilli()) {
        return Status.BREAK;
      }
    }
    return Status.WORKING;
  }

  /**
   * The first time after {@code ms} at which the status or the shift may change: a break's start or
   * end, a shift's end or the next shift's start; {@link Long#MAX_VALUE} if none comes.
   */
  long nextChangeAfter(long ms) {
    Shift shift = shiftAt(ms);
    if (shift != null) {
      for (Interval b : shift.breaks()) {
        if (b.start().toEpochMilli() > ms) {
          return b.start().toEpochMilli();
        }
        if (b.end().toEpochMilli() > ms) {
          return b.end().toEpochMilli();
        }
      }
      return shift.endMillis();
    }
    int next = lastStartingAtOrBefore(ms) + 1;
    return next < shifts.size() ? shifts.get(next).startMillis() : Long.MAX_VALUE;
  }

  /** Loads shifts until the last one ends after {@code ms}, or the calendar has no more. */
  private void loadThrough(long ms) {
    while (!exhausted && shifts.get(shifts.size() - 1).endMillis() <= ms) {
      Optional<Shift> next = calendar.nextShiftStartingAfter(shifts.get(shifts.size() - 1).start());
      next.ifPresentOrElse(shifts::add, () -> exhausted = true);
    }
  }

  /** The index of the last loaded shift that starts at or before {@code ms}, or -1. */
  private int lastStartingAtOrBefore(long ms) {
    int low = 0;
    int high = shifts.size() - 1;
    int found = -1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      if (shifts.get(mid).startMillis() <= ms) {
        found = mid;
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return found;
  }
}
