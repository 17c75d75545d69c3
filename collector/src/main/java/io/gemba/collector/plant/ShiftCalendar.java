package io.gemba.collector.plant;

import static io.gemba.collector.plant.ShiftDefinition.DAY_NANOS;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The plant's shifts in time: which shift instance an instant belongs to, and which comes next.
 *
 * <p>Local times become instants as {@link ZonedDateTime#of(LocalDateTime, ZoneId)} makes them: a
 * local time in a gap (spring forward) moves forward by the length of the gap, and a local time in
 * an overlap (fall back) takes the earlier offset. So in Europe/Berlin a 22:00–06:00 shift lasts 9
 * hours on the night the clocks go back and 7 hours on the night they go forward, and a break at
 * 02:00–02:30 on the night they go forward is at 03:00–03:30 summer time.
 *
 * <p>Because of that rule, a break (or, with a boundary inside a gap, a shift) can come out
 * shorter, empty or overlapping its neighbour. Breaks are therefore cut to the shift and to the end
 * of the previous break, and a shift to the start of the next shift; what is left empty does not
 * happen. On days without a clock change nothing is cut, because the definitions are checked not to
 * overlap.
 *
 * <p>Instances are computed on demand; the calendar is immutable and thread-safe.
 */
public final class ShiftCalendar {

  /** How many production days {@link #nextShiftStartingAfter} looks ahead. */
  public static final int SEARCH_DAYS = 400;

  private static final long WEEK_NANOS = 7 * DAY_NANOS;

  private final ZoneId zone;
  private final List<ShiftDefinition> shifts;
  private final Set<LocalDate> holidays;

  /**
   * Builds a calendar; the lists are copied.
   *
   * @param zone the plant's time zone, in which shift times are local
   * @param shifts the shift definitions, at least one
   * @param holidays production days on which no shift starts
   * @throws IllegalArgumentException if two shifts' instances overlap in a week (checked on local
   *     times, as on days without a clock change), or two shifts of the same name start on the same
   *     day of the week
   */
  public ShiftCalendar(ZoneId zone, List<ShiftDefinition> shifts, Set<LocalDate> holidays) {
    this.zone = Objects.requireNonNull(zone, "zone");
    this.shifts = List.copyOf(shifts);
    this.holidays = Set.copyOf(holidays);
    if (this.shifts.isEmpty()) {
      throw new IllegalArgumentException("a shift calendar needs at least one shift");
    }
    requireNoOverlap(this.shifts);
  }

  /** The plant's time zone. */
  public ZoneId zone() {
    return zone;
  }

  /** The shift definitions. */
  public List<ShiftDefinition> shifts() {
    return shifts;
  }

  /** The production days on which no shift starts. */
  public Set<LocalDate> holidays() {
    return holidays;
  }

  /** The shift instance with {@code start <= t < end}, or empty between shifts. */
  public Optional<Shift> shiftAt(Instant t) {
    LocalDate day = LocalDate.ofInstant(t, zone);
    // A shift lasts at most 24 local hours; one more day covers a clock change at midnight.
    for (Shift shift : instances(day.minusDays(2), day)) {
      if (shift.contains(t)) {
        return Optional.of(shift);
      }
    }
    return Optional.empty();
  }

  /**
   * The first shift instance that starts strictly after {@code t}, looking at production days up to
   * {@value #SEARCH_DAYS} days after {@code t}'s local date; empty if there is none (holidays).
   */
  public Optional<Shift> nextShiftStartingAfter(Instant t) {
    LocalDate today = LocalDate.ofInstant(t, zone);
    LocalDate last = today.plusDays(SEARCH_DAYS);
    for (LocalDate from = today.minusDays(1); !from.isAfter(last); from = from.plusDays(7)) {
      LocalDate to = from.plusDays(6).isAfter(last) ? last : from.plusDays(6);
      for (Shift shift : instances(from, to)) {
        if (shift.start().isAfter(t)) {
          return Optional.of(shift);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The instances whose production day is in {@code [from, to]}, sorted and not overlapping. Two
   * more days are built so that the last ones are cut by their successor like any other.
   */
  private List<Shift> instances(LocalDate from, LocalDate to) {
    List<Planned> planned = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to.plusDays(2)); day = day.plusDays(1)) {
      if (holidays.contains(day)) {
        continue;
      }
      for (ShiftDefinition definition : shifts) {
        if (definition.days().contains(day.getDayOfWeek())) {
          planned.add(new Planned(definition, day, day.atTime(definition.start())));
        }
      }
    }
    planned.sort(Comparator.comparing(Planned::localStart));
    // Backwards, so that each shift is cut to the start of the next one that happens.
    Deque<Shift> result = new ArrayDeque<>();
    Instant nextStart = Instant.MAX;
    for (int i = planned.size() - 1; i >= 0; i--) {
      Planned p = planned.get(i);
      Instant start = instant(p.localStart());
      Instant end = min(instant(p.localStart().plusNanos(p.definition().lengthNanos())), nextStart);
      if (start.isBefore(end)) {
        nextStart = start;
        if (!p.day().isAfter(to)) {
          result.addFirst(shift(p, start, end));
        }
      }
    }
    return List.copyOf(result);
  }

  private Shift shift(Planned p, Instant start, Instant end) {
    List<Interval> breaks = new ArrayList<>();
    Instant previousEnd = start;
    for (BreakDefinition b : p.definition().breaks()) {
      LocalDateTime localStart = p.localStart().plusNanos(p.definition().offsetNanos(b.start()));
      Instant breakStart = max(instant(localStart), previousEnd);
      Instant breakEnd = min(instant(localStart.plusNanos(b.lengthNanos())), end);
      if (breakStart.isBefore(breakEnd)) {
        breaks.add(new Interval(breakStart, breakEnd));
        previousEnd = breakEnd;
      }
    }
    return new Shift(p.definition().name(), p.day(), start, end, breaks);
  }

  private Instant instant(LocalDateTime local) {
    return ZonedDateTime.of(local, zone).toInstant();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  /**
   * Checks the weekly pattern on local times: each instance against every other, also across the
   * end of the week (Sunday's night shift against Monday's morning shift).
   */
  private static void requireNoOverlap(List<ShiftDefinition> shifts) {
    List<Weekly> weekly = new ArrayList<>();
    for (ShiftDefinition definition : shifts) {
      for (DayOfWeek day : definition.days()) {
        long start = (day.getValue() - 1) * DAY_NANOS + definition.start().toNanoOfDay();
        weekly.add(new Weekly(definition, day, start, start + definition.lengthNanos()));
      }
    }
    weekly.sort(Comparator.comparingLong(Weekly::start));
    for (int i = 0; i < weekly.size(); i++) {
      Weekly a = weekly.get(i);
      for (int j = i + 1; j < weekly.size(); j++) {
        Weekly b = weekly.get(j);
        if (a.definition().name().equals(b.definition().name()) && a.day() == b.day()) {
          throw new IllegalArgumentException(
              "shifts '"
                  + a.definition()
                  + "' and '"
                  + b.definition()
                  + "' have the same name '"
                  + a.definition().name()
                  + "' and both start on "
                  + a.day());
        }
        if (a.overlaps(b)) {
          throw new IllegalArgumentException("shifts '" + a + "' and '" + b + "' overlap");
        }
      }
    }
  }

  /** A shift definition on a production day, with its local start. */
  private record Planned(ShiftDefinition definition, LocalDate day, LocalDateTime localStart) {}

  /** An instance in the weekly pattern, in nanoseconds from Monday 00:00 local time. */
  private record Weekly(ShiftDefinition definition, DayOfWeek day, long start, long end) {

    boolean overlaps(Weekly other) {
      for (long shift = -WEEK_NANOS; shift <= WEEK_NANOS; shift += WEEK_NANOS) {
        if (start < other.end + shift && other.start + shift < end) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String toString() {
      return definition + " on " + day;
    }
  }
}
