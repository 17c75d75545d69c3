package io.gemba.collector.plant;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The three-shift pattern the tests share: A 06–14, B 14–22, C 22–06. */
final class ShiftFixtures {

  static final ZoneId KARACHI = ZoneId.of("Asia/Karachi");
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  static final Set<DayOfWeek> MON_FRI = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
  static final Set<DayOfWeek> MON_SAT = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY);
  static final Set<DayOfWeek> EVERY_DAY = EnumSet.allOf(DayOfWeek.class);

  private ShiftFixtures() {}

  /** A 06:00–14:00 with breaks 09:00–09:15 and 11:30–12:00 (45 min). */
  static ShiftDefinition morning(Set<DayOfWeek> days) {
    return new ShiftDefinition(
        "A",
        time("06:00"),
        time("14:00"),
        List.of(breakOf("tea", "09:00", "09:15"), breakOf("lunch", "11:30", "12:00")),
        days);
  }

  /** B 14:00–22:00, no breaks. */
  static ShiftDefinition afternoon(Set<DayOfWeek> days) {
    return new ShiftDefinition("B", time("14:00"), time("22:00"), List.of(), days);
  }

  /** C 22:00–06:00 with a break 02:00–02:30 on the morning after the production day. */
  static ShiftDefinition night(Set<DayOfWeek> days) {
    return new ShiftDefinition(
        "C", time("22:00"), time("06:00"), List.of(breakOf("meal", "02:00", "02:30")), days);
  }

  static List<ShiftDefinition> threeShifts(Set<DayOfWeek> days) {
    return List.of(morning(days), afternoon(days), night(days));
  }

  static BreakDefinition breakOf(String name, String start, String end) {
    return new BreakDefinition(name, time(start), time(end));
  }

  static LocalTime time(String text) {
    return LocalTime.parse(text);
  }
}
