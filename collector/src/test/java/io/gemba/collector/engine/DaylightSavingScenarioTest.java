package io.gemba.collector.engine;

import static io.gemba.collector.telemetry.MachineState.DOWN;
import static io.gemba.collector.telemetry.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.ShiftDefinition;
import io.gemba.collector.point.Point;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The night shift 22:00–06:00 in Europe/Berlin on the two nights the clocks change: it lasts 9 h
 * when they go back (03:00 CEST becomes 02:00 CET on Sunday 25 October 2026) and 7 h when they go
 * forward (02:00 CET becomes 03:00 CEST on Sunday 29 March 2026). Minute buckets are in UTC, so the
 * repeated hour has its own 60 buckets.
 */
class DaylightSavingScenarioTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** Night shift N 22:00–06:00, every day (Saturday included), no break. */
  static ShiftDefinition nightShift() {
    return new ShiftDefinition(
        "N", LocalTime.of(22, 0), LocalTime.of(6, 0), List.of(), EnumSet.allOf(DayOfWeek.class));
  }

  private static EngineHarness harness() {
    return new EngineHarness(
        BERLIN,
        List.of(nightShift()),
        EngineFixtures.onChangeOnly(KpiPolicy.defaults()),
        EngineHarness.station("press", IdealCycleTimes.of(Duration.ofSeconds(60))));
  }

  private static Map<String, Object> at(List<Point> points, Instant time) {
    List<Point> found = points.stream().filter(p -> p.time().equals(time)).toList();
    assertThat(found).as("points at %s", time).hasSize(1);
    return found.get(0).fields();
  }

  @Test
  void clocksGoBack_shiftLastsNineHours_andTheRepeatedHourHasItsOwnMinutes() {
    EngineHarness h = harness();
    // Saturday 24 Oct 22:00 CEST = 20:00Z; Sunday 06:00 CET = 05:00Z: 9 h.
    // Local 02:30 happens twice: 02:30 CEST = 00:30Z and 02:30 CET = 01:30Z.
    h.feed(
        h.state("press", "2026-10-24T22:00", RUNNING),
        h.state("press", Instant.parse("2026-10-25T00:30:00Z"), DOWN, "JAM"), // 02:30 CEST
        h.state("press", Instant.parse("2026-10-25T00:40:00Z"), RUNNING, null), // 10 min
        h.state("press", Instant.parse("2026-10-25T01:30:00Z"), DOWN, "JAM"), // 02:30 CET
        h.state("press", Instant.parse("2026-10-25T01:45:00Z"), RUNNING, null)); // 15 min
    h.timeMovesOn("2026-10-25T06:10"); // 05:10Z; watermark 05:05Z: the shift has ended

    assertThat(h.at("2026-10-25T06:00")).isEqualTo(Instant.parse("2026-10-25T05:00:00Z"));
    // Planned: 9 h = 540 min = 32,400 s. Stops 10 + 15 = 25 min = 1,500 s; run 30,900 s.
    Map<String, Object> oee =
        h.point(
            "oee",
            "2026-10-25T06:00",
            "station",
            "press",
            "window",
            "shift",
            "shift",
            "2026-10-24/N");
    assertThat(oee)
        .containsEntry("planned_s", 32_400.0)
        .containsEntry("stop_s", 1_500.0)
        .containsEntry("run_s", 30_900.0);
    // Two failures: MTBF 30,900 / 2 = 15,450 s, MTTR 1,500 / 2 = 750 s.
    assertThat(h.point("reliability", "2026-10-25T06:00", "station", "press"))
        .containsEntry("failures", 2L)
        .containsEntry("mtbf_s", 15_450.0)
        .containsEntry("mttr_s", 750.0);

    // 540 minute buckets at 540 distinct UTC minutes, 20:00Z to 04:59Z, each 60 s planned.
    List<Point> minutes = h.points("oee", "station", "press", "window", "1m");
    assertThat(minutes).hasSize(540);
    assertThat(minutes.stream().map(Point::time).distinct()).hasSize(540);
    assertThat(minutes.stream().map(Point::time).min(Instant::compareTo))
        .contains(Instant.parse("2026-10-24T20:00:00Z"));
    assertThat(minutes.stream().map(Point::time).max(Instant::compareTo))
        .contains(Instant.parse("2026-10-25T04:59:00Z"));
    assertThat(minutes).allSatisfy(p -> assertThat(p.fields()).containsEntry("planned_s", 60.0));

    // 02:35 local twice: the first time in the first jam, the second time in the second one.
    assertThat(at(minutes, Instant.parse("2026-10-25T00:35:00Z"))).containsEntry("stop_s", 60.0);
    assertThat(at(minutes, Instant.parse("2026-10-25T01:35:00Z"))).containsEntry("stop_s", 60.0);
    // 02:42 local twice: running the first time (the jam ended 02:40 CEST), down the second.
    assertThat(at(minutes, Instant.parse("2026-10-25T00:42:00Z"))).containsEntry("stop_s", 0.0);
    assertThat(at(minutes, Instant.parse("2026-10-25T01:42:00Z"))).containsEntry("stop_s", 60.0);

    // Both jams have their own downtime point.
    assertThat(h.points("downtime", "station", "press"))
        .extracting(p -> p.time() + " " + p.fields().get("duration_s"))
        .containsExactly("2026-10-25T00:30:00Z 600.0", "2026-10-25T01:30:00Z 900.0");
  }

  @Test
  void clocksGoForward_shiftLastsSevenHours() {
    EngineHarness h = harness();
    // Saturday 28 Mar 22:00 CET = 21:00Z; Sunday 06:00 CEST = 04:00Z: 7 h.
    // A jam from 01:50 CET (00:50Z) to 03:10 CEST (01:10Z) lasts 20 min, not 80.
    h.feed(
        h.state("press", "2026-03-28T22:00", RUNNING),
        h.state("press", "2026-03-29T01:50", DOWN, "JAM"),
        h.state("press", "2026-03-29T03:10", RUNNING));
    h.timeMovesOn("2026-03-29T06:10");

    assertThat(h.at("2026-03-29T06:00")).isEqualTo(Instant.parse("2026-03-29T04:00:00Z"));
    // Planned: 7 h = 420 min = 25,200 s. Stop 20 min = 1,200 s; run 24,000 s.
    Map<String, Object> oee =
        h.point(
            "oee",
            "2026-03-29T06:00",
            "station",
            "press",
            "window",
            "shift",
            "shift",
            "2026-03-28/N");
    assertThat(oee)
        .containsEntry("planned_s", 25_200.0)
        .containsEntry("stop_s", 1_200.0)
        .containsEntry("run_s", 24_000.0);

    // 420 minute buckets; local 01:59 CET (00:59Z) is followed by 03:00 CEST (01:00Z).
    List<Point> minutes = h.points("oee", "station", "press", "window", "1m");
    assertThat(minutes).hasSize(420);
    assertThat(minutes.stream().map(Point::time).distinct()).hasSize(420);
    assertThat(at(minutes, Instant.parse("2026-03-29T00:59:00Z"))).containsEntry("stop_s", 60.0);
    assertThat(at(minutes, h.at("2026-03-29T03:00"))).containsEntry("stop_s", 60.0);
    assertThat(at(minutes, h.at("2026-03-29T03:10"))).containsEntry("stop_s", 0.0);
    assertThat(h.point("downtime", "2026-03-29T01:50", "station", "press"))
        .containsEntry("duration_s", 1_200.0);
  }
}
