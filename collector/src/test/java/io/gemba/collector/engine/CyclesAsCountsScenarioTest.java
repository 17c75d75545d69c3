package io.gemba.collector.engine;

import static io.gemba.collector.telemetry.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.ShiftDefinition;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A station that sends only cycles: each cycle is a unit (OK = good). Its first count message
 * switches it to counters, that reading being a baseline, and cycles no longer count. A station in
 * counter mode that sends no count in a whole shift counts its cycles again from the next shift.
 */
class CyclesAsCountsScenarioTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final double EPS = 1e-9;
  private static final String THU = "2026-11-26T";

  static ShiftDefinition shift(String name, int startHour, int endHour) {
    return new ShiftDefinition(
        name,
        LocalTime.of(startHour, 0),
        LocalTime.of(endHour, 0),
        List.of(),
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
  }

  private static EngineHarness harness(ShiftDefinition... shifts) {
    return new EngineHarness(
        BERLIN,
        List.of(shifts),
        EngineFixtures.onChangeOnly(KpiPolicy.defaults()),
        EngineHarness.station("welder", IdealCycleTimes.of(Duration.ofSeconds(60))));
  }

  private static EngineHarness cyclesThenCounts() {
    EngineHarness h = harness(shift("A", 6, 14));
    h.feed(
        h.state("welder", THU + "06:00", RUNNING),
        h.cycle("welder", THU + "06:01", true, "W1"),
        h.cycle("welder", THU + "06:02", true, "W1"),
        h.cycle("welder", THU + "06:03", true, "W1"),
        h.cycle("welder", THU + "06:04", false, "W1"),
        h.cycle("welder", THU + "06:05", true, "W1"));
    return h;
  }

  @Test
  void onlyCycles_eachIsAUnit() {
    EngineHarness h = cyclesThenCounts();
    h.timeMovesOn(THU + "06:16"); // watermark 06:11

    assertThat(h.point("production", THU + "06:01", "station", "welder", "product", "W1"))
        .containsEntry("total", 1L)
        .containsEntry("good", 1L);
    assertThat(h.point("production", THU + "06:04", "station", "welder"))
        .containsEntry("total", 1L)
        .containsEntry("good", 0L)
        .containsEntry("scrap", 1L);
    assertThat(h.points("production", "station", "welder")).hasSize(5);
    assertThat(h.points("cycle", "station", "welder")).hasSize(5);

    // Shift so far at 06:11: 660 s planned and run; 5 units, 4 good; ideal 5 x 60 = 300 s.
    Map<String, Object> oee = h.point("oee", THU + "06:11", "station", "welder", "window", "shift");
    assertThat(oee)
        .containsEntry("planned_s", 660.0)
        .containsEntry("total", 5L)
        .containsEntry("good", 4L);
    assertThat((double) oee.get("quality")).isCloseTo(4.0 / 5, within(EPS));
    assertThat((double) oee.get("performance")).isCloseTo(300.0 / 660, within(EPS));
    // OEE: 4 x 60 s / 660 s.
    assertThat((double) oee.get("oee")).isCloseTo(240.0 / 660, within(EPS));
  }

  @Test
  void firstCount_isABaseline_thenCountersCountAndCyclesDoNot() {
    EngineHarness h = cyclesThenCounts();
    h.feed(
        h.count("welder", THU + "06:10", 1000, 990), // first count: baseline, nothing counted
        h.cycle("welder", THU + "06:11", true, "W1"), // counted by the counters, not as a cycle
        h.cycle("welder", THU + "06:12", false, "W1"),
        h.count("welder", THU + "06:13", 1002, 991)); // +2, 1 good: the two cycles above
    h.timeMovesOn(THU + "06:21"); // watermark 06:16

    // 06:01 ... 06:05 from cycles, 06:13 from counters: none at 06:10, 06:11, 06:12.
    assertThat(h.points("production", "station", "welder")).hasSize(6);
    assertThat(h.point("production", THU + "06:13", "station", "welder"))
        .containsEntry("total", 2L)
        .containsEntry("good", 1L);
    // The cycles are still written as cycles.
    assertThat(h.point("cycle", THU + "06:11", "station", "welder")).containsKey("cycle_ms");

    // Shift so far at 06:16: 960 s; units 5 + 2 = 7, good 4 + 1 = 5; ideal 7 x 60 = 420 s.
    Map<String, Object> oee = h.point("oee", THU + "06:16", "station", "welder", "window", "shift");
    assertThat(oee)
        .containsEntry("planned_s", 960.0)
        .containsEntry("total", 7L)
        .containsEntry("good", 5L);
    assertThat((double) oee.get("performance")).isCloseTo(420.0 / 960, within(EPS));
    assertThat((double) oee.get("quality")).isCloseTo(5.0 / 7, within(EPS));
  }

  @Test
  void noCountInAWholeShift_cyclesCountAgainFromTheNextShift_contiguousShifts() {
    // A 06–14, B 14–22, N 22–06: no gap between shifts. (With a gap between shifts:
    // EngineCorrectionsTest.)
    EngineHarness h = harness(shift("A", 6, 14), shift("B", 14, 22), shift("N", 22, 6));
    h.feed(
        h.state("welder", THU + "06:00", RUNNING),
        h.count("welder", THU + "06:00", 0, 0), // counter mode from here, baseline
        h.count("welder", THU + "13:00", 100, 100), // +100 in shift A
        h.cycle("welder", THU + "15:00", true, "W1"), // B: counter mode, not counted
        // B had no count: from N on, cycles count again.
        h.cycle("welder", THU + "22:30", true, "W1"),
        h.cycle("welder", THU + "22:31", false, "W1"));
    h.timeMovesOn(THU + "22:40"); // watermark 22:35

    assertThat(h.point("oee", THU + "14:00", "station", "welder", "window", "shift"))
        .containsEntry("total", 100L);
    assertThat(h.point("oee", THU + "22:00", "station", "welder", "window", "shift"))
        .containsEntry("total", 0L);
    assertThat(h.points("production", "station", "welder"))
        .noneMatch(p -> p.time().equals(h.at(THU + "15:00")));
    // N so far at 22:35: 2 units, 1 good.
    assertThat(h.point("oee", THU + "22:35", "station", "welder", "window", "shift"))
        .containsEntry("total", 2L)
        .containsEntry("good", 1L);
    assertThat(h.point("production", THU + "22:30", "station", "welder"))
        .containsEntry("total", 1L);
  }

  @Test
  void backInCycleMode_theNextCountIsABaselineAgain() {
    EngineHarness h = harness(shift("A", 6, 14), shift("B", 14, 22), shift("N", 22, 6));
    h.feed(
        h.state("welder", THU + "06:00", RUNNING),
        h.count("welder", THU + "06:00", 0, 0),
        h.count("welder", THU + "13:00", 100, 100),
        h.cycle("welder", THU + "22:30", true, "W1"), // N: a unit as a cycle
        h.count("welder", THU + "22:40", 150, 150), // counters again: a fresh baseline
        h.count("welder", THU + "22:50", 153, 152)); // +3, 2 good
    h.timeMovesOn(THU + "23:00"); // watermark 22:55

    // N so far at 22:55: 1 (cycle) + 3 = 4 units, 1 + 2 = 3 good; the 22:40 reading adds none
    // (counted from 100 it would be +50).
    assertThat(h.point("oee", THU + "22:55", "station", "welder", "window", "shift"))
        .containsEntry("total", 4L)
        .containsEntry("good", 3L);
  }
}
