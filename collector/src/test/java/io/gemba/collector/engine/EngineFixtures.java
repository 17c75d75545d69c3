package io.gemba.collector.engine;

import io.gemba.collector.plant.BreakDefinition;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.ShiftDefinition;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;

/** Shift definitions and policies shared by the engine tests. */
final class EngineFixtures {

  private EngineFixtures() {}

  /**
   * {@code policy} for stations that send only when something changes, without heartbeats, as in
   * the worked scenarios: their silence timeout is a day, so that an hour without a message is an
   * hour in the last state, not silence. SilenceScenarioTest covers silence, with the default.
   */
  static KpiPolicy onChangeOnly(KpiPolicy policy) {
    return new KpiPolicy(
        policy.microStopPolicy(),
        policy.microStopThreshold(),
        policy.oeeTarget(),
        policy.localContentTarget(),
        policy.allowedLateness(),
        policy.startupAfterChangeover(),
        Duration.ofDays(1));
  }

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
