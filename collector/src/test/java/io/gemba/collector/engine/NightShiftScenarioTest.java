package io.gemba.collector.engine;

import static io.gemba.collector.telemetry.MachineState.DOWN;
import static io.gemba.collector.telemetry.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gemba.collector.plant.BreakDefinition;
import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.ShiftDefinition;
import io.gemba.collector.point.Point;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A night shift 22:00–06:00 that crosses midnight, with its meal break after midnight: its id is
 * the day it starts, and its end point is at 06:00 the next day.
 */
class NightShiftScenarioTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final double EPS = 1e-9;
  private static final String THU = "2026-11-26T";
  private static final String FRI = "2026-11-27T";
  private static final String SHIFT = "2026-11-26/N";

  private static EngineHarness h;

  /** Night shift N 22:00–06:00 (the end before the start: it ends the next day), meal 02:00. */
  static ShiftDefinition nightShift() {
    return new ShiftDefinition(
        "N",
        LocalTime.of(22, 0),
        LocalTime.of(6, 0),
        List.of(new BreakDefinition("meal", LocalTime.of(2, 0), LocalTime.of(2, 30))),
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
  }

  /** Thursday night: the press makes 400 units (390 good) at an ideal 60 s, one 10 min jam. */
  @BeforeAll
  static void run() {
    h =
        new EngineHarness(
            BERLIN,
            List.of(nightShift()),
            EngineFixtures.onChangeOnly(KpiPolicy.defaults()),
            EngineHarness.station("press", IdealCycleTimes.of(Duration.ofSeconds(60))));
    h.feed(
        h.state("press", THU + "22:00", RUNNING),
        h.count("press", THU + "22:00", 0, 0), // baseline
        h.state("press", FRI + "01:00", DOWN, "JAM"),
        h.state("press", FRI + "01:10", RUNNING), // 10 min down: a failure
        h.count("press", FRI + "05:59", 400, 390)); // +400, 390 good
    h.timeMovesOn(FRI + "06:10"); // watermark 06:05: the shift has ended
  }

  @Test
  void shiftEnd_atSixTheNextMorning_taggedWithTheStartDay() {
    // Planned: 8 h = 480 min less the 30 min meal = 450 min = 27,000 s.
    // Stops: 10 min = 600 s; run 440 min = 26,400 s.
    Map<String, Object> oee =
        h.point("oee", FRI + "06:00", "station", "press", "window", "shift", "shift", SHIFT);
    assertThat(oee)
        .containsEntry("planned_s", 27_000.0)
        .containsEntry("stop_s", 600.0)
        .containsEntry("run_s", 26_400.0)
        .containsEntry("total", 400L)
        .containsEntry("good", 390L);
    assertThat((double) oee.get("availability")).isCloseTo(440.0 / 450, within(EPS));
    // Performance: 400 x 60 s / 26,400 s = 400 / 440.
    assertThat((double) oee.get("performance")).isCloseTo(400.0 / 440, within(EPS));
    assertThat((double) oee.get("quality")).isCloseTo(390.0 / 400, within(EPS));
    // OEE: 390 x 1 min / 450 min. TEEP: 390 / 480 (calendar 8 h).
    assertThat((double) oee.get("oee")).isCloseTo(390.0 / 450, within(EPS));
    assertThat((double) oee.get("teep")).isCloseTo(390.0 / 480, within(EPS));

    // One failure: MTBF 26,400 s, MTTR 600 s.
    assertThat(h.point("reliability", FRI + "06:00", "station", "press", "shift", SHIFT))
        .containsEntry("failures", 1L)
        .containsEntry("mtbf_s", 26_400.0)
        .containsEntry("mttr_s", 600.0);
    // Equipment failure 600 s; reduced speed 26,400 - 24,000 = 2,400 s; defects 10 x 60 = 600 s.
    assertThat(h.point("losses", FRI + "06:00", "station", "press", "loss", "equipment_failure"))
        .containsEntry("seconds", 600.0);
    assertThat(h.point("losses", FRI + "06:00", "station", "press", "loss", "reduced_speed"))
        .containsEntry("seconds", 2_400.0);
    assertThat(h.point("losses", FRI + "06:00", "station", "press", "loss", "process_defects"))
        .containsEntry("seconds", 600.0);
  }

  @Test
  void everyShiftPoint_carriesTheStartDay_acrossMidnight() {
    // One shift point per minute boundary from 22:01 to 06:00: 8 h x 60 = 480 points, all of
    // shift 2026-11-26/N (none of 2026-11-27).
    List<Point> shiftPoints = h.points("oee", "station", "press", "window", "shift");
    assertThat(shiftPoints).hasSize(480);
    assertThat(shiftPoints).allSatisfy(p -> assertThat(p.tags()).containsEntry("shift", SHIFT));
    assertThat(h.points("oee", "station", "press", "window", "1m"))
        .hasSize(480)
        .allSatisfy(p -> assertThat(p.tags()).containsEntry("shift", SHIFT));

    // At midnight the shift so far is 22:00–00:00: 120 min = 7,200 s planned, all running.
    assertThat(h.point("oee", FRI + "00:00", "station", "press", "window", "shift"))
        .containsEntry("planned_s", 7_200.0)
        .containsEntry("stop_s", 0.0);
    // At 02:30, after the meal: 22:00–02:00 = 240 min = 14,400 s planned, the 600 s jam in it.
    assertThat(h.point("oee", FRI + "02:30", "station", "press", "window", "shift"))
        .containsEntry("planned_s", 14_400.0)
        .containsEntry("stop_s", 600.0);
  }

  @Test
  void minutes_beforeAndAfterMidnight_andInTheMealBreak() {
    assertThat(h.point("oee", THU + "23:59", "station", "press", "window", "1m"))
        .containsEntry("planned_s", 60.0);
    assertThat(h.point("oee", FRI + "00:00", "station", "press", "window", "1m"))
        .containsEntry("planned_s", 60.0);
    // 02:10 is in the meal break: no planned time, so no availability.
    assertThat(h.point("oee", FRI + "02:10", "station", "press", "window", "1m"))
        .containsEntry("planned_s", 0.0)
        .doesNotContainKey("availability");
    // 01:05 is in the jam.
    assertThat(h.point("oee", FRI + "01:05", "station", "press", "window", "1m"))
        .containsEntry("stop_s", 60.0);
    // The units of the 05:59 reading land in the shift's last minute.
    assertThat(h.point("production", FRI + "05:59", "station", "press"))
        .containsEntry("total", 400L)
        .containsEntry("good", 390L);
  }

  @Test
  void stopAcrossTheMealBreak_countsOnlyItsPlannedPart_andALateStarterFromItsFirstEvent() {
    EngineHarness two =
        new EngineHarness(
            BERLIN,
            List.of(nightShift()),
            EngineFixtures.onChangeOnly(KpiPolicy.defaults()),
            EngineHarness.station("press", IdealCycleTimes.of(Duration.ofSeconds(60))),
            EngineHarness.station("robot", IdealCycleTimes.of(Duration.ofSeconds(60))));
    two.feed(
        two.state("press", THU + "22:00", RUNNING),
        two.state("robot", THU + "23:00", RUNNING), // the robot's time starts here
        two.state("press", FRI + "01:59:30", DOWN, "JAM"),
        two.state("press", FRI + "02:30:30", RUNNING));
    two.timeMovesOn(FRI + "06:10");

    // The jam lasts 31 min of event time: a long stop and a failure. Inside planned time are only
    // 01:59:30–02:00 and 02:30–02:30:30: 60 s of stop.
    assertThat(two.point("oee", FRI + "06:00", "station", "press", "window", "shift"))
        .containsEntry("planned_s", 27_000.0)
        .containsEntry("stop_s", 60.0)
        .containsEntry("run_s", 26_940.0);
    assertThat(two.point("reliability", FRI + "06:00", "station", "press"))
        .containsEntry("failures", 1L)
        .containsEntry("mttr_s", 60.0);
    assertThat(two.point("downtime", FRI + "01:59:30", "station", "press"))
        .containsEntry("duration_s", 1_860.0);
    assertThat(two.point("oee", FRI + "01:59", "station", "press", "window", "1m"))
        .containsEntry("planned_s", 60.0)
        .containsEntry("stop_s", 30.0);
    assertThat(two.point("oee", FRI + "02:10", "station", "press", "window", "1m"))
        .containsEntry("planned_s", 0.0)
        .containsEntry("stop_s", 0.0);
    assertThat(two.point("oee", FRI + "02:30", "station", "press", "window", "1m"))
        .containsEntry("planned_s", 60.0)
        .containsEntry("stop_s", 30.0);

    // The robot (the line's output) from 23:00: 7 h = 420 min less the 30 min meal = 390 min.
    for (String station : List.of("robot", "_line")) {
      assertThat(two.point("oee", FRI + "06:00", "station", station, "window", "shift"))
          .as(station)
          .containsEntry("planned_s", 23_400.0)
          .containsEntry("run_s", 23_400.0);
    }
    assertThat(two.points("oee", "station", "robot", "window", "1m")).hasSize(420);
  }

  @Test
  void stationSnapshot_showsTheNightShift() {
    StationSnapshot press = h.engine.stations().get(0);
    assertThat(press.shift()).isEqualTo(SHIFT);
    assertThat(press.shiftKpis().plannedMs()).isEqualTo(27_000_000L);
    assertThat(press.shiftKpis().goodCount()).isEqualTo(390L);
  }
}
