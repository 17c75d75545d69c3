package io.gemba.collector.plant;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One instance of a shift: a {@link ShiftDefinition} on one production day, in instants. Two shifts
 * are equal when all of name, production day, start, end and breaks are.
 *
 * <p>The engine asks every event which shift it is in, so a shift also keeps its bounds and breaks
 * in epoch milliseconds, and its {@link #id()}, made once.
 */
public final class Shift {

  private final String name;
  private final LocalDate productionDay;
  private final Instant start;
  private final Instant end;
  private final List<Interval> breaks;
  private final String id;
  private final long startMs;
  private final long endMs;

  /** The breaks' bounds in epoch milliseconds: start, end, start, end, and so on. */
  private final long[] breakBoundsMs;

  /**
   * Builds a shift instance; the breaks are copied.
   *
   * @param name the shift's name
   * @param productionDay the local date the shift starts on
   * @param start the first instant of the shift
   * @param end the first instant after the shift, later than {@code start}
   * @param breaks the breaks, sorted, not overlapping, and inside {@code [start, end)}
   * @throws IllegalArgumentException if the shift has no length, or the breaks are not sorted,
   *     overlap or lie outside the shift
   */
  public Shift(
      String name, LocalDate productionDay, Instant start, Instant end, List<Interval> breaks) {
    this.name = Objects.requireNonNull(name, "name");
    this.productionDay = Objects.requireNonNull(productionDay, "productionDay");
    this.start = Objects.requireNonNull(start, "start");
    this.end = Objects.requireNonNull(end, "end");
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
    this.breaks = List.copyOf(breaks);
    Instant previousEnd = start;
    for (Interval b : this.breaks) {
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
    this.id = productionDay + "/" + name;
    this.startMs = start.toEpochMilli();
    this.endMs = end.toEpochMilli();
    this.breakBoundsMs = new long[2 * this.breaks.size()];
    for (int i = 0; i < this.breaks.size(); i++) {
      breakBoundsMs[2 * i] = this.breaks.get(i).start().toEpochMilli();
      breakBoundsMs[2 * i + 1] = this.breaks.get(i).end().toEpochMilli();
    }
  }

  /** The shift's name. */
  public String name() {
    return name;
  }

  /** The local date the shift starts on. */
  public LocalDate productionDay() {
    return productionDay;
  }

  /** The first instant of the shift. */
  public Instant start() {
    return start;
  }

  /** The first instant after the shift. */
  public Instant end() {
    return end;
  }

  /** The breaks, sorted, not overlapping, and inside {@code [start, end)}. */
  public List<Interval> breaks() {
    return breaks;
  }

  /** {@link #start()} in epoch milliseconds. */
  public long startMillis() {
    return startMs;
  }

  /** {@link #end()} in epoch milliseconds. */
  public long endMillis() {
    return endMs;
  }

  /** The value of the {@code shift} tag: production day and name, as in {@code 2026-11-26/A}. */
  public String id() {
    return id;
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
   * The break time within {@code [from, to)} in milliseconds, with both ends taken to the
   * millisecond: {@link #breakMillisBetween(long, long)}.
   */
  public long breakMillisBetween(Instant from, Instant to) {
    return breakMillisBetween(from.toEpochMilli(), to.toEpochMilli());
  }

  /** Whether {@code epochMs} is in {@code [start, end)}. */
  public boolean containsMillis(long epochMs) {
    return epochMs >= startMs && epochMs < endMs;
  }

  /** Whether a break overlaps {@code [fromMs, toMs)}, in epoch milliseconds. */
  public boolean hasBreakBetween(long fromMs, long toMs) {
    for (int i = 0; i < breakBoundsMs.length; i += 2) {
      if (breakBoundsMs[i] < toMs && breakBoundsMs[i + 1] > fromMs) {
        return true;
      }
    }
    return false;
  }

  /**
   * The break time within {@code [fromMs, toMs)}, in epoch milliseconds: the sum of each break's
   * overlap with the window; zero if {@code toMs} is not after {@code fromMs}.
   */
  public long breakMillisBetween(long fromMs, long toMs) {
    long total = 0;
    for (int i = 0; i < breakBoundsMs.length; i += 2) {
      total +=
          Math.max(0, Math.min(toMs, breakBoundsMs[i + 1]) - Math.max(fromMs, breakBoundsMs[i]));
    }
    return total;
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || (o instanceof Shift other
            && startMs == other.startMs
            && endMs == other.endMs
            && name.equals(other.name)
            && productionDay.equals(other.productionDay)
            && start.equals(other.start)
            && end.equals(other.end)
            && breaks.equals(other.breaks));
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, productionDay, start, end, breaks);
  }

  @Override
  public String toString() {
    return "Shift[name="
        + name
        + ", productionDay="
        + productionDay
        + ", start="
        + start
        + ", end="
        + end
        + ", breaks="
        + breaks
        + "]";
  }
}
