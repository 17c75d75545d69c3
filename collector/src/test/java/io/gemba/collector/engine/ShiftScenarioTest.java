package io.gemba.collector.engine;

import static io.gemba.collector.telemetry.MachineState.CHANGEOVER;
import static io.gemba.collector.telemetry.MachineState.DOWN;
import static io.gemba.collector.telemetry.MachineState.IDLE;
import static io.gemba.collector.telemetry.MachineState.PLANNED_STOP;
import static io.gemba.collector.telemetry.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gemba.collector.kpi.MicroStopPolicy;
import io.gemba.collector.plant.BreakDefinition;
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
 * One morning shift at a press, worked out by hand: two breaks, unplanned downs, a changeover with
 * startup scrap, a micro-stop, a planned stop and idling, under both micro-stop policies.
 */
class ShiftScenarioTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final double EPS = 1e-9;

  /** Shift A 06:00–14:00 with a 15 min break at 09:00 and a 30 min lunch at 12:00. */
  static ShiftDefinition twoBreaks() {
    return new ShiftDefinition(
        "A",
        LocalTime.of(6, 0),
        LocalTime.of(14, 0),
        List.of(
            new BreakDefinition("tea", LocalTime.of(9, 0), LocalTime.of(9, 15)),
            new BreakDefinition("lunch", LocalTime.of(12, 0), LocalTime.of(12, 30))),
        EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
  }

  /** Micro-stops under 2 min, lateness 5 min; stations that send on change only. */
  static KpiPolicy policy(MicroStopPolicy microStops) {
    return EngineFixtures.onChangeOnly(
        new KpiPolicy(
            microStops,
            Duration.ofMinutes(2),
            0.85,
            0.6,
            Duration.ofMinutes(5),
            Duration.ofMinutes(10)));
  }

  /** Thursday 26 November 2026; the press makes 300 units at an ideal 60 s each. */
  private static EngineHarness run(MicroStopPolicy microStops) {
    EngineHarness h =
        new EngineHarness(
            BERLIN,
            List.of(twoBreaks()),
            policy(microStops),
            EngineHarness.station("press", IdealCycleTimes.of(Duration.ofSeconds(60))));
    String d = "2026-11-26T";
    h.feed(
        h.state("press", d + "06:00", RUNNING),
        h.count("press", d + "06:00", 1000, 990), // baseline: nothing counted
        h.state("press", d + "07:00", DOWN, "JAM"),
        h.state("press", d + "07:20", RUNNING), // 20 min down: a failure
        h.state("press", d + "08:00", DOWN, "JAM"),
        h.state("press", d + "08:01", RUNNING), // 1 min down: a micro-stop
        h.state("press", d + "10:00", CHANGEOVER, "P1>P2"),
        h.count("press", d + "10:24", 1150, 1140), // +150, all good
        h.state("press", d + "10:25", RUNNING), // 25 min changeover; startup until 10:35
        h.count("press", d + "10:30", 1160, 1145), // +10: 5 good, 5 startup scrap
        h.state("press", d + "11:00", PLANNED_STOP, "MEETING"),
        h.state("press", d + "11:15", RUNNING), // 15 min meeting: not planned time
        h.state("press", d + "13:00", IDLE, "STARVED"),
        h.state("press", d + "13:12", RUNNING), // 12 min starved
        h.count("press", d + "13:59", 1300, 1275)); // +140: 130 good, 10 scrap
    h.timeMovesOn(d + "14:10"); // watermark 14:05: the shift has ended
    return h;
  }

  @Test
  void tpm_shiftEnd_matchesHandArithmetic() {
    EngineHarness h = run(MicroStopPolicy.TPM);

    // Planned: 480 min - 45 min of breaks - 15 min meeting = 420 min.
    // Counted stops: down 20 + changeover 25 + idle 12 = 57 min; the 1 min jam is a minor stop.
    // Run: 420 - 57 = 363 min. Units: 150 + 10 + 140 = 300; good: 150 + 5 + 130 = 285.
    Map<String, Object> oee =
        h.point("oee", "2026-11-26T14:00", "station", "press", "window", "shift");
    assertThat(oee.get("planned_s")).isEqualTo(420 * 60.0);
    assertThat(oee.get("stop_s")).isEqualTo(57 * 60.0);
    assertThat(oee.get("run_s")).isEqualTo(363 * 60.0);
    assertThat(oee.get("total")).isEqualTo(300L);
    assertThat(oee.get("good")).isEqualTo(285L);
    assertThat((double) oee.get("availability")).isCloseTo(363.0 / 420, within(EPS));
    assertThat((double) oee.get("performance")).isCloseTo(300.0 / 363, within(EPS));
    assertThat((double) oee.get("quality")).isCloseTo(285.0 / 300, within(EPS));
    assertThat((double) oee.get("oee")).isCloseTo(285.0 / 420, within(EPS));
    // TEEP: OEE x planned / calendar = 285 / 480.
    assertThat((double) oee.get("teep")).isCloseTo(285.0 / 480, within(EPS));
  }

  @Test
  void tpm_losses_addUpToPlannedLessFullyProductive() {
    EngineHarness h = run(MicroStopPolicy.TPM);

    // Equipment failure 20, setup 25, idling 12 + minor stop 1 = 13,
    // reduced speed 363 - 1 - 300 = 62, process defects 10, reduced yield 5 (after changeover).
    // In all 135 min = 420 planned - 285 good units x 1 min.
    assertThat(loss(h, "equipment_failure")).isEqualTo(20 * 60.0);
    assertThat(loss(h, "setup_adjustments")).isEqualTo(25 * 60.0);
    assertThat(loss(h, "idling_minor_stops")).isEqualTo(13 * 60.0);
    assertThat(loss(h, "reduced_speed")).isEqualTo(62 * 60.0);
    assertThat(loss(h, "process_defects")).isEqualTo(10 * 60.0);
    assertThat(loss(h, "reduced_yield")).isEqualTo(5 * 60.0);
    assertThat(loss(h, "no_data")).isEqualTo(0.0);

    // One failure (the micro-stop is not one): MTBF 363 min, MTTR 20 min.
    Map<String, Object> reliability =
        h.point("reliability", "2026-11-26T14:00", "station", "press");
    assertThat(reliability.get("failures")).isEqualTo(1L);
    assertThat(reliability.get("mtbf_s")).isEqualTo(363 * 60.0);
    assertThat(reliability.get("mttr_s")).isEqualTo(20 * 60.0);
  }

  @Test
  void iso22400_countsTheMicroStopAgainstAvailability() {
    EngineHarness h = run(MicroStopPolicy.ISO22400);

    // All 58 min of stops are delay time: run 362 min; OEE is unchanged.
    Map<String, Object> oee =
        h.point(
            "oee", "2026-11-26T14:00", "station", "press", "window", "shift", "policy", "iso22400");
    assertThat(oee.get("stop_s")).isEqualTo(58 * 60.0);
    assertThat((double) oee.get("availability")).isCloseTo(362.0 / 420, within(EPS));
    assertThat((double) oee.get("performance")).isCloseTo(300.0 / 362, within(EPS));
    assertThat((double) oee.get("oee")).isCloseTo(285.0 / 420, within(EPS));
    // Two failures: MTBF 362 / 2 = 181 min, MTTR (20 + 1) / 2 = 10.5 min.
    Map<String, Object> reliability =
        h.point("reliability", "2026-11-26T14:00", "station", "press");
    assertThat(reliability.get("failures")).isEqualTo(2L);
    assertThat(reliability.get("mtbf_s")).isEqualTo(181 * 60.0);
    assertThat(reliability.get("mttr_s")).isEqualTo(10.5 * 60);
  }

  @Test
  void lineKpis_areTheOutputStations() {
    EngineHarness h = run(MicroStopPolicy.TPM);

    Map<String, Object> station =
        h.point("oee", "2026-11-26T14:00", "station", "press", "window", "shift");
    Map<String, Object> line =
        h.point("oee", "2026-11-26T14:00", "station", "_line", "window", "shift");
    assertThat(line).isEqualTo(station);
  }

  @Test
  void minuteBuckets_carryTheMinutesProduction() {
    EngineHarness h = run(MicroStopPolicy.TPM);

    // The 10:30 reading's 10 units (5 scrap) land in the 10:30 minute.
    Map<String, Object> production = h.point("production", "2026-11-26T10:30", "station", "press");
    assertThat(production).containsEntry("total", 10L).containsEntry("good", 5L);
    // 07:05 lies in the 20 min failure: planned 60 s, all of it stopped.
    Map<String, Object> minute =
        h.point("oee", "2026-11-26T07:05", "station", "press", "window", "1m");
    assertThat(minute).containsEntry("planned_s", 60.0).containsEntry("stop_s", 60.0);
    assertThat(minute.get("availability")).isEqualTo(0.0);
    // 09:05 lies in the tea break: no planned time, so no availability.
    Map<String, Object> tea =
        h.point("oee", "2026-11-26T09:05", "station", "press", "window", "1m");
    assertThat(tea).containsEntry("planned_s", 0.0).doesNotContainKey("availability");
  }

  @Test
  void downtime_onePointPerEndedStop() {
    EngineHarness h = run(MicroStopPolicy.TPM);

    assertThat(h.points("downtime", "station", "press"))
        .extracting(p -> p.tags().get("state") + " " + p.fields().get("duration_s"))
        .containsExactly("DOWN 1200.0", "DOWN 60.0", "CHANGEOVER 1500.0", "IDLE 720.0");
  }

  private static double loss(EngineHarness h, String loss) {
    return (double)
        h.point("losses", "2026-11-26T14:00", "station", "press", "loss", loss).get("seconds");
  }
}
