package io.gemba.collector.plant;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open span of time {@code [start, end)}, such as a break of a shift instance.
 *
 * @param start the first instant inside
 * @param end the first instant after, later than {@code start}
 */
public record Interval(Instant start, Instant end) {

  /**
   * Builds an interval.
   *
   * @throws IllegalArgumentException if {@code end} is not after {@code start}
   */
  public Interval {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException(
          "an interval must end after it starts, got " + start + " to " + end);
    }
  }

  /** The time from start to end. */
  public Duration length() {
    return Duration.between(start, end);
  }

  /** Whether {@code t} is in {@code [start, end)}. */
  public boolean contains(Instant t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  /**
   * The length of the overlap of this interval with {@code [from, to)}, in whole milliseconds; zero
   * if they do not overlap or {@code to} is not after {@code from}.
   */
  public long overlapMillis(Instant from, Instant to) {
    Instant later = from.isAfter(start) ? from : start;
    Instant earlier = to.isBefore(end) ? to : end;
    return later.isBefore(earlier) ? Duration.between(later, earlier).toMillis() : 0;
  }
}
