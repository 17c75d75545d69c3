package io.gemba.collector.engine;

import io.gemba.collector.plant.BreakDefinition;
import io.gemba.collector.plant.ShiftDefinition;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;

/** Shift definitions shared by the engine tests. */
final class EngineFixtures {

  private EngineFixtures() {}

  /**
   * Morning shift A, 06:00–14:00 Monday to Friday, with a tea break from {@code teaStart} to 09:15.
   */
  static ShiftDefinition morningShift(LocalTime teaStart) {
    return new ShiftDefinition(
        "A",
        LocalTime.of(6, 0),
        LocalTime.of(14, 0),
        List.of(new BreakDefinition("tea", teaStart, LocalTime.of(9, 15))),
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
  }
}
