package io.gemba.collector.plant;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One instance of a shift: a {@link ShiftDefinition} on one production day, in instants.
 *
 * @param name the shift's name
 * @param productionDay the local date the shift starts on
 * @param start the first instant of the shift
 * @param end the first instant after the shift, later than {@code start}
 * @param breaks the breaks, sorted, not overlapping, and inside {@code [start, end)}
 */
public record Shift(
    String name, LocalDate productionDay, Instant start, Instant end, List<Interval> breaks) {

  /**
   * Builds a shift instance; the breaks are copied.
   *
   * @throws IllegalArgumentException if the shift has no length, or the breaks are not sorted,
   *     overlap or lie outside the shift
   */
  public Shift {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(productionDay, "productionDay");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException(
          "shift "
              + productionDay
              + "/"
              + name
              + " must end after it starts: "
              + start
              + " to "
              + end);
    }
    breaks = List.copyOf(breaks);
    Instant previousEnd = start;
    for (Interval b : breaks) {
      if (b.start().isBefore(previousEnd) || b.end().isAfter(end)) {
        throw new IllegalArgumentException(
            "break "
                + b
                + " of shift "
                + productionDay
                + "/"
                + name
                + " is outside the shift, out of order or overlaps the previous break");
      }
      previousEnd = b.end();
    }
  }

  /** The value of the {@code shift} tag: production day and name, as in {@code 2026-11-26/A}. */
  public String id() {
    return productionDay + "/" + name;
  }

  /**
   * The elapsed time from start to end: 9 hours for a 22:00–06:00 shift on the night the clocks go
   * back, 7 on the night they go forward.
   */
  public Duration length() {
    return Duration.between(start, end);
  }

  /** The total length of the breaks. */
  public Duration breakTime() {
    Duration total = Duration.ZERO;
    for (Interval b : breaks) {
      total = total.plus(b.length());
    }
    return total;
  }

  /** The shift's length less its breaks: the planned production time before planned stops. */
  public Duration plannedTime() {
    return length().minus(breakTime());
  }

  /** Whether {@code t} is in {@code [start, end)}. */
  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  /** Whether {@code t} is in one of the breaks (start inclusive, end exclusive). */
  public boolean isInBreak(Instant t) {
    for (Interval b : breaks) {
      if (b.contains(t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The break time within {@code [from, to)} in milliseconds: the sum of each break's {@link
   * Interval#overlapMillis overlap} with the window.
   */
  public long breakMillisBetween(Instant from, Instant to) {
    long total = 0;
    for (Interval b : breaks) {
      total += b.overlapMillis(from, to);
    }
    return total;
  }
}
