package io.gemba.collector.engine;

import static io.gemba.collector.telemetry.MachineState.DOWN;
import static io.gemba.collector.telemetry.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gemba.collector.kpi.MicroStopPolicy;
import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Corrections at their edges: what is stored after a minute, a raw point or an order point is
 * corrected or disappears (ADR 0004). InfluxDB overwrites the fields a write carries and cannot
 * delete by a write, so ratios are written only once a minute is final, and a point that a late
 * event makes disappear is retracted by writing its sums (and durations) as zero. Also the data
 * quality and production-source rules that these cases exercise, and OEE with two products.
 */
class EngineCorrectionsTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final double EPS = 1e-9;
  private static final String D = "2026-11-26T"; // a Thursday
  private static final String F = "2026-11-27T"; // the Friday after

  private static EngineHarness press() {
    return new EngineHarness(
        BERLIN,
        List.of(CounterResetScenarioTest.shiftA()), // 06:00–14:00, no break
        ShiftScenarioTest.policy(MicroStopPolicy.TPM), // threshold 2 min, lateness 5 min
        EngineHarness.station("press", IdealCycleTimes.of(Duration.ofSeconds(60))));
  }

  private static void feedInArrivalOrder(EngineHarness h, TelemetryEvent... events) {
    for (TelemetryEvent event : events) {
      assertThat(h.engine.accept(event)).isEqualTo(Outcome.APPLIED);
    }
  }

  /**
   * A minute whose performance becomes undefined after it was first written shows no stale
   * performance: ratios are only written once the minute is final.
   *
   * <p>In order, no late event: the press jams at 06:10:30, a cycle completes at 06:11:05, and a
   * heartbeat at 06:12:10 makes the event time pass 06:12, so minute 06:11 is emitted while the jam
   * is 1 min 40 s old, a micro-stop for now: run 60 s, performance 60 / 60 = 1, OEE 1. At 06:12:30
   * the jam reaches 2 min: 06:11 is corrected to run 0 s, stop 60 s, where performance (ideal / run
   * = 60 / 0) is undefined. Stored 06:11 after the shift: availability 0 / 60 = 0, quality 1 / 1 =
   * 1, planned 60, run 0, stop 60, total 1, good 1, no performance; OEE (OEE.com: good units x
   * ideal cycle time / planned time) = 1 x 60 / 60 = 1 and TEEP = 1 x 60 / 60 s of calendar = 1:
   * the unit the cycle reported is counted in the minute it was reported.
   */
  @Test
  void correctedMinute_keepsRatiosThatBecameUndefined() {
    EngineHarness h = press();
    h.feed(
        h.state("press", D + "06:00", RUNNING),
        h.state("press", D + "06:10:30", DOWN, "JAM"),
        h.cycle("press", D + "06:11:05", true, "P1"),
        h.heartbeat("press", D + "06:12:10"),
        h.heartbeat("press", D + "06:13"));
    h.timeMovesOn(D + "14:10");

    assertThat(h.point("oee", D + "06:11", "station", "press", "window", "1m"))
        .isEqualTo(
            Map.of(
                "availability", 0.0,
                "quality", 1.0,
                "oee", 1.0,
                "teep", 1.0,
                "planned_s", 60.0,
                "run_s", 0.0,
                "stop_s", 60.0,
                "total", 1L,
                "good", 1L));
  }

  /**
   * The same with a late event, on the reliability point: the press jams 06:10–06:11, but the
   * RUNNING at 06:11 arrives after heartbeats at 06:12:30 and 06:13 (within the 5 min lateness).
   * First the jam is a 3 min failure: the 06:11 reliability point is failures 1, MTBF 600 s (run
   * 06:00–06:10), MTTR 60 s. Corrected, the 1 min jam is a micro-stop: failures 0, MTBF and MTTR
   * undefined. Expected stored (as in order): {failures=0}. Actual: {failures=0, mtbf_s=600.0,
   * mttr_s=60.0}. (The shuffled-stream test of LateAndDuplicateScenarioTest hits this and the
   * performance / OEE case above on most seeds.)
   */
  @Test
  void lateEventMakesAFailureAMicroStop_reliabilityKeepsMtbfAndMttr() {
    EngineHarness h = press();
    feedInArrivalOrder(
        h,
        h.state("press", D + "06:00", RUNNING),
        h.state("press", D + "06:10", DOWN, "JAM"),
        h.heartbeat("press", D + "06:12:30"),
        h.heartbeat("press", D + "06:13"),
        h.state("press", D + "06:11", RUNNING)); // late, within the lateness
    h.timeMovesOn(D + "14:10");

    assertThat(h.point("reliability", D + "06:11", "station", "press"))
        .isEqualTo(Map.of("failures", 0L));
  }

  /**
   * A late state change that turns a later state message into a continuation retracts the raw point
   * of that message: its duration is written as zero. In order: RUNNING 06:00, DOWN 06:10, RUNNING
   * 06:11, RUNNING 06:13 (the same state again: a continuation, no point). Arrival: the 06:11
   * RUNNING comes last (within the lateness). Before it, the 06:13 RUNNING ended a 3 min stop and
   * was written as a machine_state point (duration 180 s). After it: points at 06:00 (first state,
   * 0 s), 06:10 (RUNNING lasted 600 s), 06:11 (DOWN lasted 60 s), and 06:13 retracted to 0 s.
   */
  @Test
  void lateStateChange_leavesTheMachineStatePointOfAContinuation() {
    EngineHarness h = press();
    feedInArrivalOrder(
        h,
        h.state("press", D + "06:00", RUNNING),
        h.state("press", D + "06:10", DOWN, "JAM"),
        h.state("press", D + "06:13", RUNNING),
        h.state("press", D + "06:11", RUNNING)); // late, within the lateness

    assertThat(h.points("machine_state", "station", "press"))
        .extracting(
            p -> p.time() + " " + p.tags().get("state") + " " + p.fields().get("duration_s"))
        .containsExactlyInAnyOrder(
            h.at(D + "06:00") + " RUNNING 0.0",
            h.at(D + "06:10") + " DOWN 600.0",
            h.at(D + "06:11") + " RUNNING 60.0",
            h.at(D + "06:13") + " RUNNING 0.0");
  }

  /**
   * The same for downtime: the sum of downtime stays right. In order: DOWN JAM 06:10, DOWN JAM
   * 06:12 (continuation), RUNNING 06:15: one stop, one downtime point at 06:10 of 300 s. Arrival:
   * the 06:10 DOWN comes last (within the lateness). Before it, the stop seemed to start 06:12 and
   * end 06:15: a downtime point at 06:12 of 180 s was written; it is retracted to 0 s. Stored:
   * 06:10 300 s and 06:12 0 s, 300 s in all.
   */
  @Test
  void lateStateChange_leavesTheDowntimePointOfAStopThatIsNowLonger() {
    EngineHarness h = press();
    feedInArrivalOrder(
        h,
        h.state("press", D + "06:00", RUNNING),
        h.state("press", D + "06:12", DOWN, "JAM"),
        h.state("press", D + "06:15", RUNNING),
        h.state("press", D + "06:10", DOWN, "JAM")); // late, within the lateness

    assertThat(h.points("downtime", "station", "press"))
        .extracting(p -> p.time() + " " + p.fields().get("duration_s"))
        .containsExactlyInAnyOrder(h.at(D + "06:10") + " 300.0", h.at(D + "06:12") + " 0.0");
  }

  /**
   * A late order END retracts the minutes written under the order after its real end: their sums
   * are written as zero (a write cannot delete them). In order: O1 06:00–06:10:30. Arrival: the END
   * comes after a heartbeat at 06:13 (within the lateness): minutes 06:11 and 06:12 were written
   * with order O1 (sums only, not final yet), and are then retracted to planned 0 s; the same
   * minutes without an order hold their 60 s. The order's own points are only written once final,
   * so O1's last one is at its end, 06:10:30, with 630 s planned.
   */
  @Test
  void lateOrderEnd_retractsTheMinutesWrittenUnderTheOrder() {
    EngineHarness h = press();
    feedInArrivalOrder(
        h,
        h.state("press", D + "06:00", RUNNING),
        h.orderStart("press", D + "06:00", "O1", "P1"),
        h.heartbeat("press", D + "06:13"),
        h.orderEnd("press", D + "06:10:30", "O1")); // late, within the lateness
    h.timeMovesOn(D + "14:10");

    for (String minute : List.of("06:11", "06:12")) {
      assertThat(h.point("oee", D + minute, "station", "press", "window", "1m", "order", "O1"))
          .containsEntry("planned_s", 0.0)
          .containsEntry("total", 0L)
          .doesNotContainKey("availability");
      assertThat(
              h.points("oee", "station", "press", "window", "1m").stream()
                  .filter(p -> p.time().equals(h.at(D + minute)) && !p.tags().containsKey("order"))
                  .toList())
          .singleElement()
          .satisfies(p -> assertThat(p.fields()).containsEntry("planned_s", 60.0));
    }
    List<Point> order = h.points("oee", "station", "press", "window", "order", "order", "O1");
    assertThat(order.stream().map(Point::time).max(Instant::compareTo))
        .contains(h.at(D + "06:10:30"));
    assertThat(h.point("oee", D + "06:10:30", "window", "order", "order", "O1", "station", "press"))
        .containsEntry("planned_s", 630.0);
  }

  /**
   * A LATE event is also time going backwards (DataQuality: "older than the station's latest event,
   * late or not"). Latest event 06:20, a count a day and a minute before (older than the backfill
   * horizon, 24 h at most): LATE. lateEvents 1 and timeBackwards 1.
   */
  @Test
  void lateEvent_isAlsoTimeBackwards() {
    EngineHarness h = press();
    h.feed(h.state("press", D + "06:00", RUNNING), h.state("press", D + "06:20", DOWN, "JAM"));
    assertThat(h.engine.accept(h.count("press", "2026-11-25T06:19", 5, 5))).isEqualTo(Outcome.LATE);

    DataQuality quality = h.engine.stations().get(0).quality();
    assertThat(quality.lateEvents()).isEqualTo(1);
    assertThat(quality.timeBackwards()).isEqualTo(1);
  }

  /**
   * A station in counter mode that sends no count during a whole shift should count its cycles
   * again from the next shift, also when a gap lies between the shifts. Shifts A 06–14 and B 14–22,
   * Monday to Friday. Thursday: counts in A (+100), only a cycle in B (not counted: counter mode).
   * B had no count, so Friday's A counts cycles: 2 cycles (1 OK) → Friday A total 2, good 1 (the
   * night between B and Friday's A is a gap without a shift).
   */
  @Test
  void counterModeWithoutCounts_cyclesCountAgainInTheShiftAfterTheNightGap() {
    EngineHarness h =
        new EngineHarness(
            BERLIN,
            List.of(
                CyclesAsCountsScenarioTest.shift("A", 6, 14),
                CyclesAsCountsScenarioTest.shift("B", 14, 22)),
            EngineFixtures.onChangeOnly(KpiPolicy.defaults()),
            EngineHarness.station("welder", IdealCycleTimes.of(Duration.ofSeconds(60))));
    h.feed(
        h.state("welder", D + "06:00", RUNNING),
        h.count("welder", D + "06:00", 0, 0),
        h.count("welder", D + "13:00", 100, 100),
        h.cycle("welder", D + "15:00", true, "W1"),
        h.cycle("welder", F + "06:30", true, "W1"),
        h.cycle("welder", F + "06:31", false, "W1"));
    h.timeMovesOn(F + "14:10");

    assertThat(h.point("oee", F + "14:00", "station", "welder", "window", "shift"))
        .containsEntry("total", 2L)
        .containsEntry("good", 1L);
  }

  /**
   * Shift OEE with two products of different ideal cycle times (OrderChangeScenarioTest) is
   * OEE.com's Σ good × ideal / planned = (390 × 30 s + 190 × 45 s) / 28,800 s = 20,250 / 28,800 =
   * 0.703125, which is also planned less the six losses (28,800 - 8,550 = 20,250 s). Availability ×
   * performance × quality would give (21,000 / 28,800) × (580 / 600) = 0.70486...: count-based
   * quality weighs a 30 s and a 45 s unit alike.
   */
  @Test
  void shiftOee_withTwoIdealCycleTimes_isGoodIdealTimeOverPlanned() {
    EngineHarness h = OrderChangeScenarioTest.run();
    Map<String, Object> shift = h.point("oee", D + "14:00", "station", "press", "window", "shift");

    assertThat((double) shift.get("oee")).isCloseTo(20_250.0 / 28_800, within(EPS));
  }
}
