package io.gemba.collector.engine;

import static io.gemba.collector.telemetry.MachineState.DOWN;
import static io.gemba.collector.telemetry.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.point.Point;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each data-quality flag raised once, each at its own station so that it is the only one there; an
 * unconfigured station; and a whole-line order that reaches a station appearing later.
 */
class DataQualityScenarioTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final String D = "2026-11-26T"; // a Thursday
  private static final IdealCycleTimes SIXTY_S = IdealCycleTimes.of(Duration.ofSeconds(60));

  private static EngineHarness h;

  @BeforeAll
  static void run() {
    h =
        new EngineHarness(
            BERLIN,
            List.of(CounterResetScenarioTest.shiftA()), // 06:00–14:00, no break
            EngineFixtures.onChangeOnly(KpiPolicy.defaults()),
            EngineHarness.station("fast", SIXTY_S),
            EngineHarness.station("stopped", SIXTY_S),
            EngineHarness.station("jumpy", SIXTY_S),
            EngineHarness.station("reset", SIXTY_S),
            EngineHarness.station("backwards", SIXTY_S),
            EngineHarness.station("jammed", SIXTY_S));
    h.feed(
        // fast: 4 cycles in 2 min at an ideal 60 s: performance 240 s / 120 s = 2 > 1.
        h.state("fast", D + "06:00", RUNNING),
        h.cycle("fast", D + "06:00:30", true, "P1"),
        h.cycle("fast", D + "06:01", true, "P1"),
        h.cycle("fast", D + "06:01:30", true, "P1"),
        h.cycle("fast", D + "06:02", true, "P1"),
        // stopped: the 06:00 -> 06:08 increment spans running time; 06:08 -> 06:09 lies inside
        // the stop that began 06:05: one count while stopped.
        h.state("stopped", D + "06:00", RUNNING),
        h.count("stopped", D + "06:00", 100, 100),
        h.state("stopped", D + "06:05", DOWN, "JAM"),
        h.count("stopped", D + "06:08", 101, 101), // 1 <= 480 / 60 + 1
        h.count("stopped", D + "06:09", 102, 102), // 1 <= 60 / 60 + 1
        // jumpy: +5 in 600 s (<= 600 / 60 + 1 = 11) then +3 in 30 s (> 30 / 60 + 1 = 1.5).
        h.state("jumpy", D + "06:00", RUNNING),
        h.count("jumpy", D + "06:00", 0, 0),
        h.count("jumpy", D + "06:10", 5, 5),
        h.count("jumpy", D + "06:10:30", 8, 8),
        // reset: 50 -> 55 (+5 <= 300 / 60 + 1 = 6), then 55 -> 2: a reset (+2 <= 6).
        h.state("reset", D + "06:00", RUNNING),
        h.count("reset", D + "06:00", 50, 50),
        h.count("reset", D + "06:05", 55, 55),
        h.count("reset", D + "06:10", 2, 2),
        // backwards: a state at 06:03 after a heartbeat at 06:05, within the lateness.
        h.state("backwards", D + "06:00", RUNNING),
        h.heartbeat("backwards", D + "06:05"),
        h.state("backwards", D + "06:03", DOWN, "JAM"),
        // jammed: cycles of 55 s, down from 06:03. The one at 06:03:30 began 06:02:35, while
        // running; the one at 06:05 began 06:04:05, inside the stop: one count while stopped.
        h.state("jammed", D + "06:00", RUNNING),
        h.state("jammed", D + "06:03", DOWN, "JAM"),
        h.cycle("jammed", D + "06:03:30", true, "P1"),
        h.cycle("jammed", D + "06:05", true, "P1"),
        // stranger: not configured, so no ideal cycle time: its unit has none.
        h.state("stranger", D + "06:00", RUNNING),
        h.cycle("stranger", D + "06:01", true, "P1"));
  }

  private static StationSnapshot station(String id) {
    return h.engine.stations().stream()
        .filter(s -> s.station().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void performanceAboveOne() {
    // Shift so far at 06:02: run 120 s; ideal 4 x 60 = 240 s: performance 2.
    assertThat(station("fast").shiftKpis().performance()).isEqualTo(2.0);
    assertThat(station("fast").quality()).isEqualTo(new DataQuality(0, 0, 0, 0, 0, 0, 0, true));
  }

  @Test
  void countsWhileStopped() {
    // Run 06:00–06:05 = 300 s (the stop is 4 min, long); ideal 2 x 60 = 120 s: 0.4.
    assertThat(station("stopped").shiftKpis().performance()).isEqualTo(0.4);
    assertThat(station("stopped").quality()).isEqualTo(new DataQuality(0, 0, 0, 1, 0, 0, 0, false));
  }

  @Test
  void countsWhileStopped_aCycleInsideAStop() {
    assertThat(station("jammed").quality()).isEqualTo(new DataQuality(0, 0, 0, 1, 0, 0, 0, false));
    // Run 06:00–06:03 = 180 s (the 2 min stop is long); ideal 2 x 60 = 120 s: 2 / 3.
    assertThat(station("jammed").shiftKpis().totalCount()).isEqualTo(2);
    assertThat(station("jammed").shiftKpis().performance()).isEqualTo(120.0 / 180);
  }

  @Test
  void counterJumps() {
    // Units 8, ideal 480 s, run 630 s: performance below 1.
    assertThat(station("jumpy").shiftKpis().performance()).isEqualTo(480.0 / 630);
    assertThat(station("jumpy").quality()).isEqualTo(new DataQuality(0, 0, 0, 0, 1, 0, 0, false));
  }

  @Test
  void counterResets() {
    // Units 5 + 2 = 7, ideal 420 s, run 600 s.
    assertThat(station("reset").shiftKpis().totalCount()).isEqualTo(7);
    assertThat(station("reset").quality()).isEqualTo(new DataQuality(0, 0, 0, 0, 0, 1, 0, false));
  }

  @Test
  void timeBackwards() {
    assertThat(station("backwards").quality())
        .isEqualTo(new DataQuality(0, 0, 1, 0, 0, 0, 0, false));
    assertThat(station("backwards").state()).isEqualTo(DOWN);
    assertThat(h.engine.stats().timeBackwards()).isEqualTo(1);
  }

  @Test
  void unitsWithoutIdeal_andTheUnconfiguredStation() {
    StationSnapshot stranger = station("stranger");
    assertThat(stranger.configured()).isFalse();
    assertThat(stranger.quality()).isEqualTo(new DataQuality(0, 0, 0, 0, 0, 0, 1, false));
    // No ideal cycle time: performance and OEE undefined.
    assertThat(stranger.shiftKpis().performance()).isNaN();
    assertThat(stranger.shiftKpis().oee()).isNaN();

    assertThat(h.engine.stats().unconfiguredStations()).isEqualTo(1);
    assertThat(h.engine.stats().stations()).isEqualTo(7);
    assertThat(h.engine.stations())
        .filteredOn(StationSnapshot::configured)
        .extracting(StationSnapshot::station)
        .containsExactly("fast", "stopped", "jumpy", "reset", "backwards", "jammed");
  }

  @Test
  void wholeLineOrder_reachesAStationThatAppearsLater() {
    EngineHarness line =
        new EngineHarness(
            BERLIN,
            List.of(CounterResetScenarioTest.shiftA()),
            EngineFixtures.onChangeOnly(KpiPolicy.defaults()),
            EngineHarness.station("press", SIXTY_S),
            EngineHarness.station("welder", SIXTY_S));
    line.feed(
        line.state("press", D + "06:00", RUNNING),
        line.lineOrderStart(D + "06:00:30", "O-7", "P1"),
        line.state("welder", D + "06:05", RUNNING), // appears while O-7 runs
        line.cycle("welder", D + "06:06:30", true, null), // product: the order's
        line.heartbeat("press", D + "06:08"),
        line.heartbeat("welder", D + "06:08"));
    line.timeMovesOn(D + "06:13"); // watermark 06:08 everywhere: the minutes up to 06:08 are final

    StationSnapshot press = line.engine.stations().get(0);
    StationSnapshot welder = line.engine.stations().get(1);
    assertThat(press.order()).isEqualTo("O-7");
    assertThat(press.product()).isEqualTo("P1");
    assertThat(welder.station()).isEqualTo("welder");
    assertThat(welder.order()).isEqualTo("O-7");
    assertThat(welder.product()).isEqualTo("P1");

    // The welder's minutes carry the order from its first one, 06:05.
    assertThat(line.point("oee", D + "06:05", "station", "welder", "window", "1m", "order", "O-7"))
        .containsEntry("planned_s", 60.0);
    assertThat(line.point("production", D + "06:06", "station", "welder", "product", "P1"))
        .containsEntry("total", 1L);
    // Its order point at 06:08: 06:05–06:08 = 180 s, 1 unit (the line's output: also _line).
    Map<String, Object> order =
        line.point("oee", D + "06:08", "station", "welder", "window", "order", "order", "O-7");
    assertThat(order).containsEntry("planned_s", 180.0).containsEntry("total", 1L);
    assertThat(line.point("oee", D + "06:08", "station", "_line", "window", "order"))
        .isEqualTo(order);
    // The press's minute 06:00 is split at 06:00:30: without and with the order.
    List<Point> pressMinute =
        line.points("oee", "station", "press", "window", "1m").stream()
            .filter(p -> p.time().equals(line.at(D + "06:00")))
            .toList();
    assertThat(pressMinute)
        .extracting(p -> p.tags().get("order") + " " + p.fields().get("planned_s"))
        .containsExactlyInAnyOrder("null 30.0", "O-7 30.0");

    // The order ends for the whole line: both stations leave it, keeping the product; a station
    // appearing after the end gets no order.
    line.feed(line.lineOrderEnd(D + "06:09", "O-7"), line.state("robot", D + "06:10", RUNNING));
    assertThat(line.engine.stations())
        .extracting(s -> s.station() + " " + s.order() + " " + s.product())
        .containsExactly("press null P1", "welder null P1", "robot null null");
  }
}
