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
 * A PLC resets its cumulative counters in the middle of a shift: the parts made since the reset are
 * counted from zero, none are lost and none are counted twice.
 */
class CounterResetScenarioTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final double EPS = 1e-9;
  private static final String D = "2026-11-26T"; // a Thursday

  /** Shift A 06:00–14:00 without breaks, Monday to Friday. */
  static ShiftDefinition shiftA() {
    return new ShiftDefinition(
        "A",
        LocalTime.of(6, 0),
        LocalTime.of(14, 0),
        List.of(),
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
  }

  /** The press makes a unit in 10 s at best: no increment below is a counter jump. */
  private static EngineHarness harness() {
    return new EngineHarness(
        BERLIN,
        List.of(shiftA()),
        EngineFixtures.onChangeOnly(KpiPolicy.defaults()),
        EngineHarness.station("press", IdealCycleTimes.of(Duration.ofSeconds(10))));
  }

  private static StationSnapshot press(EngineHarness h) {
    return h.engine.stations().stream()
        .filter(s -> s.station().equals("press"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void resetMidShift_countsThePartsSinceTheResetFromZero() {
    EngineHarness h = harness();
    h.feed(
        h.state("press", D + "06:00", RUNNING),
        h.count("press", D + "06:00", 500, 495), // baseline: nothing counted
        h.count("press", D + "06:10", 520, 514), // +20 total, +19 good
        h.count("press", D + "06:20", 15, 15), // reset: 15 made since, all good
        h.count("press", D + "06:30", 40, 38)); // +25 total, +23 good, from the new values
    h.timeMovesOn(D + "14:10"); // watermark 14:05: the shift has ended

    // Each increment lands in the minute of the later reading.
    assertThat(h.point("production", D + "06:10", "station", "press"))
        .containsEntry("total", 20L)
        .containsEntry("good", 19L)
        .containsEntry("scrap", 1L);
    assertThat(h.point("production", D + "06:20", "station", "press"))
        .containsEntry("total", 15L)
        .containsEntry("good", 15L)
        .containsEntry("scrap", 0L);
    assertThat(h.point("production", D + "06:30", "station", "press"))
        .containsEntry("total", 25L)
        .containsEntry("good", 23L)
        .containsEntry("scrap", 2L);
    assertThat(h.points("production", "station", "press")).hasSize(3);

    // Units: 20 + 15 + 25 = 60; good: 19 + 15 + 23 = 57.
    // Planned 480 min = 28,800 s, no stop; ideal time 60 x 10 s = 600 s.
    Map<String, Object> oee = h.point("oee", D + "14:00", "station", "press", "window", "shift");
    assertThat(oee)
        .containsEntry("total", 60L)
        .containsEntry("good", 57L)
        .containsEntry("planned_s", 28_800.0)
        .containsEntry("run_s", 28_800.0);
    assertThat((double) oee.get("performance")).isCloseTo(600.0 / 28_800, within(EPS));
    assertThat((double) oee.get("quality")).isCloseTo(57.0 / 60, within(EPS));
    // OEE = 57 good x 10 s / 28,800 s.
    assertThat((double) oee.get("oee")).isCloseTo(570.0 / 28_800, within(EPS));

    // One reset; the largest increment, 25 in 600 s, is below 600 / 10 + 1 = 61: no jump.
    DataQuality quality = press(h).quality();
    assertThat(quality.counterResets()).isEqualTo(1);
    assertThat(quality.counterJumps()).isZero();
    assertThat(quality.countsWhileStopped()).isZero();
  }

  @Test
  void resetMidShift_theFirstFourReadingsOfTheBrief_count20Plus15() {
    EngineHarness h = harness();
    h.feed(
        h.state("press", D + "06:00", RUNNING),
        h.count("press", D + "06:00", 500, 500), // baseline
        h.count("press", D + "06:10", 520, 520), // +20
        h.count("press", D + "06:20", 15, 15)); // reset: +15
    h.timeMovesOn(D + "06:30"); // watermark 06:25: the 06:20 minute is final

    // Units so far: 20 + 15 = 35, all good. Shift so far 06:00–06:25 (the ticked time):
    // the shift point at 06:21 (end of the 06:20 bucket) holds 06:00–06:21 = 1,260 s.
    Map<String, Object> oee = h.point("oee", D + "06:21", "station", "press", "window", "shift");
    assertThat(oee)
        .containsEntry("total", 35L)
        .containsEntry("good", 35L)
        .containsEntry("planned_s", 1_260.0);
    assertThat(press(h).quality().counterResets()).isEqualTo(1);
  }

  @Test
  void onlyTheGoodCounterGoesDown_isAResetToo() {
    EngineHarness h = harness();
    h.feed(
        h.state("press", D + "06:00", RUNNING),
        h.count("press", D + "06:00", 0, 0), // baseline
        h.count("press", D + "06:10", 8, 8), // +8 total, +8 good (scrap 0)
        // Total 8 -> 12 and scrap 0 -> 5 go up, but good 8 -> 7 goes down: the PLC reset, and
        // the new values are what it made since: 12 units, 7 good, 5 scrap. (Read as an increment
        // it would be +4 units with -1 good, which cannot be.)
        h.count("press", D + "06:20", 12, 7));
    h.timeMovesOn(D + "14:10");

    assertThat(h.point("production", D + "06:20", "station", "press"))
        .containsEntry("total", 12L)
        .containsEntry("good", 7L)
        .containsEntry("scrap", 5L);
    // Units 8 + 12 = 20, good 8 + 7 = 15.
    Map<String, Object> oee = h.point("oee", D + "14:00", "station", "press", "window", "shift");
    assertThat(oee).containsEntry("total", 20L).containsEntry("good", 15L);
    assertThat((double) oee.get("quality")).isCloseTo(15.0 / 20, within(EPS));

    DataQuality quality = press(h).quality();
    assertThat(quality.counterResets()).isEqualTo(1);
    // 12 units in 600 s is below 600 / 10 + 1 = 61: no jump.
    assertThat(quality.counterJumps()).isZero();
  }

  @Test
  void twoResetsInOneShift_areCountedTwice_andTheLineSeesTheSame() {
    EngineHarness h = harness();
    h.feed(
        h.state("press", D + "06:00", RUNNING),
        h.count("press", D + "06:00", 300, 300), // baseline
        h.count("press", D + "07:00", 3, 3), // reset: +3
        h.count("press", D + "08:00", 50, 50), // +47
        h.count("press", D + "09:00", 10, 10), // reset: +10
        h.count("press", D + "10:00", 20, 20)); // +10
    h.timeMovesOn(D + "14:10");

    // Units 3 + 47 + 10 + 10 = 70.
    assertThat(h.point("oee", D + "14:00", "station", "press", "window", "shift"))
        .containsEntry("total", 70L);
    assertThat(h.point("oee", D + "14:00", "station", "_line", "window", "shift"))
        .containsEntry("total", 70L);
    assertThat(press(h).quality().counterResets()).isEqualTo(2);
  }
}
