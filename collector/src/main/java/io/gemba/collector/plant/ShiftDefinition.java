package io.gemba.collector.plant;

import io.gemba.collector.telemetry.Topic;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A shift as configured, in local time. An instance starts at {@code start} on each of {@code
 * days}; the date it starts on is its production day. It ends at {@code end}: on the same day if
 * {@code end} is after {@code start}, else on the next day, and 24 hours later if the two are
 * equal.
 *
 * @param name the shift's name, 1 to 64 characters of {@code [A-Za-z0-9_-]}; it is part of the
 *     {@code shift} tag
 * @param start the local time the shift starts
 * @param end the local time the shift ends
 * @param breaks the scheduled breaks, inside the shift and not overlapping; kept sorted by their
 *     start within the shift
 * @param days the days of the week on which an instance starts, at least one
 */
public record ShiftDefinition(
    String name,
    LocalTime start,
    LocalTime end,
    List<BreakDefinition> breaks,
    Set<DayOfWeek> days) {

  /** Nanoseconds in a day without a clock change. */
  static final long DAY_NANOS = 86_400_000_000_000L;

  /**
   * Builds a shift definition; the breaks and days are copied.
   *
   * @throws IllegalArgumentException if the name is invalid, {@code days} is empty, or a break is
   *     outside the shift or overlaps another break
   */
  public ShiftDefinition {
    requireName("shift name", name);
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(breaks, "breaks");
    Objects.requireNonNull(days, "days");
    days = Set.copyOf(days);
    if (days.isEmpty()) {
      throw new IllegalArgumentException("shift '" + name + "' must have at least one day");
    }
    LocalTime shiftStart = start;
    List<BreakDefinition> sorted = new ArrayList<>(List.copyOf(breaks));
    sorted.sort(Comparator.comparingLong(b -> nanosFromTo(shiftStart, b.start())));
    long length = lengthNanos(start, end);
    BreakDefinition previous = null;
    for (BreakDefinition b : sorted) {
      long offset = nanosFromTo(start, b.start());
      if (offset + b.lengthNanos() > length) {
        throw new IllegalArgumentException(
            "break '" + b + "' is outside shift '" + name + "' " + start + "-" + end);
      }
      if (previous != null
          && nanosFromTo(start, previous.start()) + previous.lengthNanos() > offset) {
        throw new IllegalArgumentException(
            "breaks '" + previous + "' and '" + b + "' of shift '" + name + "' overlap");
      }
      previous = b;
    }
    breaks = List.copyOf(sorted);
  }

  /** The nominal length in nanoseconds, as on a day without a clock change. */
  long lengthNanos() {
    return lengthNanos(start, end);
  }

  /** Nanoseconds from the shift's start to the first occurrence of {@code time} at or after it. */
  long offsetNanos(LocalTime time) {
    return nanosFromTo(start, time);
  }

  @Override
  public String toString() {
    return name + " " + start + "-" + end;
  }

  private static long lengthNanos(LocalTime start, LocalTime end) {
    long length = nanosFromTo(start, end);
    return length == 0 ? DAY_NANOS : length;
  }

  /** Nanoseconds from {@code from} to the first occurrence of {@code to} at or after it. */
  static long nanosFromTo(LocalTime from, LocalTime to) {
    return Math.floorMod(to.toNanoOfDay() - from.toNanoOfDay(), DAY_NANOS);
  }

  /** Checks a shift or break name: it becomes part of a tag, so it follows the topic name rule. */
  static void requireName(String what, String name) {
    Objects.requireNonNull(name, what);
    if (!Topic.isValidName(name)) {
      String shown = name.length() > 70 ? name.substring(0, 70) + "…" : name;
      throw new IllegalArgumentException(
          what + " must be 1 to 64 characters of [A-Za-z0-9_-]: '" + shown + "'");
    }
  }
}
