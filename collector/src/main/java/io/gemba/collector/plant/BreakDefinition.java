package io.gemba.collector.plant;

import java.time.LocalTime;
import java.util.Objects;

/**
 * A scheduled break of a shift, in local time. The break starts at the first occurrence of {@code
 * start} at or after the shift's start, so a break at 02:00 in a 22:00–06:00 shift is on the
 * morning after the production day; an {@code end} at or before {@code start} is on the next day.
 *
 * @param name the break's name, 1 to 64 characters of {@code [A-Za-z0-9_-]}
 * @param start the local time the break starts
 * @param end the local time the break ends, not equal to {@code start}
 */
public record BreakDefinition(String name, LocalTime start, LocalTime end) {

  /**
   * Builds a break definition.
   *
   * @throws IllegalArgumentException if the name is invalid or the break has no length
   */
  public BreakDefinition {
    ShiftDefinition.requireName("break name", name);
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.equals(end)) {
      throw new IllegalArgumentException(
          "break '" + name + "' must end after it starts, got " + start + "-" + end);
    }
  }

  /** The nominal length in nanoseconds, as on a day without a clock change. */
  long lengthNanos() {
    return ShiftDefinition.nanosFromTo(start, end);
  }

  @Override
  public String toString() {
    return name + " " + start + "-" + end;
  }
}
