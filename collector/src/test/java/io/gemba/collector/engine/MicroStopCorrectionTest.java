package io.gemba.collector.engine;

import static io.gemba.collector.telemetry.MachineState.DOWN;
import static io.gemba.collector.telemetry.MachineState.RUNNING;
import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.collector.kpi.MicroStopPolicy;
import io.gemba.collector.plant.IdealCycleTimes;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Under tpm a stop counts as a micro-stop (run time) while it is shorter than the threshold (2
 * min). A minute that the event time passes before then is emitted that way; when the stop reaches
 * the threshold, the minutes it touched are emitted again as stop time, and so is the shift.
 */
class MicroStopCorrectionTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final String D = "2026-11-26T"; // a Thursday

  private static EngineHarness harness() {
    return new EngineHarness(
        BERLIN,
        List.of(CounterResetScenarioTest.shiftA()), // 06:00–14:00, no break
        ShiftScenarioTest.policy(MicroStopPolicy.TPM),
        EngineHarness.station("press", IdealCycleTimes.of(Duration.ofSeconds(60))));
  }

  private static void assertEmittedAsMicroStop(EngineHarness h) {
    // Event time 06:11:30: 06:10 is emitted, 06:11 not yet.
    assertThat(h.points("oee", "station", "press", "window", "1m"))
        .extracting(p -> p.time())
        .contains(h.at(D + "06:10"))
        .doesNotContain(h.at(D + "06:11"));
    // 06:10 emitted while the jam (from 06:10:30) was 1 min old: its 30 s are run time.
    assertThat(h.point("oee", D + "06:10", "station", "press", "window", "1m"))
        .containsEntry("planned_s", 60.0)
        .containsEntry("stop_s", 0.0)
        .containsEntry("run_s", 60.0)
        .doesNotContainKey("availability"); // ratios wait until the minute is final
    // The shift so far and its losses are written when final: the watermark is 06:11:30 - 5 min =
    // 06:06:30, so up to the 06:06 boundary.
    assertThat(h.points("oee", "station", "press", "window", "shift"))
        .extracting(p -> p.time())
        .contains(h.at(D + "06:06"))
        .doesNotContain(h.at(D + "06:07"));
  }

  /** The stop 06:10:30–06:15:30, 5 min: a long stop. */
  private static void assertCorrectedToALongStop(EngineHarness h) {
    for (String station : List.of("press", "_line")) {
      // 06:10: 30 s of stop (06:10:30–06:11); 06:11 to 06:14 all stopped; 06:15: 30 s.
      assertThat(h.point("oee", D + "06:10", "station", station, "window", "1m"))
          .as(station)
          .containsEntry("stop_s", 30.0)
          .containsEntry("run_s", 30.0)
          .containsEntry("availability", 0.5);
      for (String minute : List.of("06:11", "06:12", "06:13", "06:14")) {
        assertThat(h.point("oee", D + minute, "station", station, "window", "1m"))
            .as(station + " " + minute)
            .containsEntry("stop_s", 60.0)
            .containsEntry("availability", 0.0);
      }
      assertThat(h.point("oee", D + "06:15", "station", station, "window", "1m"))
          .containsEntry("stop_s", 30.0);
      // The shift so far at 06:11: 660 s planned, 30 s of it stopped.
      assertThat(h.point("oee", D + "06:11", "station", station, "window", "shift"))
          .containsEntry("planned_s", 660.0)
          .containsEntry("stop_s", 30.0)
          .containsEntry("run_s", 630.0);
      // The loss moved from minor stops to equipment failure.
      assertThat(h.point("losses", D + "06:11", "station", station, "loss", "idling_minor_stops"))
          .containsEntry("seconds", 0.0);
      assertThat(h.point("losses", D + "06:11", "station", station, "loss", "equipment_failure"))
          .containsEntry("seconds", 30.0);
      assertThat(h.point("reliability", D + "06:11", "station", station))
          .containsEntry("failures", 1L);
      // At 06:13: 780 s planned, 06:10:30–06:13 = 150 s stopped.
      assertThat(h.point("oee", D + "06:13", "station", station, "window", "shift"))
          .containsEntry("stop_s", 150.0);
    }
  }

  private static void assertShiftEnd(EngineHarness h) {
    // Planned 28,800 s; stop 300 s; run 28,500 s; one failure: MTBF 28,500 s, MTTR 300 s.
    assertThat(h.point("oee", D + "14:00", "station", "press", "window", "shift"))
        .containsEntry("planned_s", 28_800.0)
        .containsEntry("stop_s", 300.0)
        .containsEntry("run_s", 28_500.0);
    assertThat(h.point("reliability", D + "14:00", "station", "press"))
        .containsEntry("failures", 1L)
        .containsEntry("mtbf_s", 28_500.0)
        .containsEntry("mttr_s", 300.0);
    assertThat(h.point("losses", D + "14:00", "station", "press", "loss", "equipment_failure"))
        .containsEntry("seconds", 300.0);
    assertThat(h.point("losses", D + "14:00", "station", "press", "loss", "idling_minor_stops"))
        .containsEntry("seconds", 0.0);
    assertThat(h.point("downtime", D + "06:10:30", "station", "press"))
        .containsEntry("duration_s", 300.0);
  }

  @Test
  void stopReachesTheThresholdOnALaterEvent() {
    EngineHarness h = harness();
    h.feed(
        h.state("press", D + "06:00", RUNNING),
        h.state("press", D + "06:10:30", DOWN, "JAM"),
        h.heartbeat("press", D + "06:11:30")); // event time passes 06:11: 06:10 is emitted
    assertEmittedAsMicroStop(h);

    // 06:13: the jam reached 2 min at 06:12:30.
    h.feed(h.heartbeat("press", D + "06:13"));
    assertThat(h.point("oee", D + "06:10", "station", "press", "window", "1m"))
        .containsEntry("stop_s", 30.0);

    h.feed(h.state("press", D + "06:15:30", RUNNING));
    h.timeMovesOn(D + "14:10");
    assertCorrectedToALongStop(h);
    assertShiftEnd(h);
  }

  @Test
  void stopReachesTheThresholdOnATick() {
    EngineHarness h = harness();
    h.feed(
        h.state("press", D + "06:00", RUNNING),
        h.state("press", D + "06:10:30", DOWN, "JAM"),
        h.heartbeat("press", D + "06:11:30"));
    assertEmittedAsMicroStop(h);

    // The station is silent; the tick moves its event time to 06:20 - 5 min = 06:15.
    h.timeMovesOn(D + "06:20");
    assertThat(h.point("oee", D + "06:10", "station", "press", "window", "1m"))
        .containsEntry("stop_s", 30.0);
    assertThat(h.point("oee", D + "06:14", "station", "press", "window", "1m"))
        .containsEntry("stop_s", 60.0);

    h.feed(h.state("press", D + "06:15:30", RUNNING));
    h.timeMovesOn(D + "14:10");
    assertCorrectedToALongStop(h);
    assertShiftEnd(h);
  }

  @Test
  void sameAsWhenTheStopIsKnownLongFromTheStart() {
    EngineHarness stepwise = harness();
    stepwise.feed(
        stepwise.state("press", D + "06:00", RUNNING),
        stepwise.state("press", D + "06:10:30", DOWN, "JAM"),
        stepwise.heartbeat("press", D + "06:11:30"),
        stepwise.heartbeat("press", D + "06:13"),
        stepwise.state("press", D + "06:15:30", RUNNING));
    stepwise.timeMovesOn(D + "14:10");

    // The same stop without the heartbeats: the event time jumps over the threshold, so the
    // stop is never emitted as a micro-stop.
    EngineHarness direct = harness();
    direct.feed(
        direct.state("press", D + "06:00", RUNNING),
        direct.state("press", D + "06:10:30", DOWN, "JAM"),
        direct.state("press", D + "06:15:30", RUNNING));
    direct.timeMovesOn(D + "14:10");

    // And all at once.
    EngineHarness batch = harness();
    batch.engine.acceptAll(
        List.of(
            batch.state("press", D + "06:00", RUNNING),
            batch.state("press", D + "06:10:30", DOWN, "JAM"),
            batch.state("press", D + "06:15:30", RUNNING)));
    batch.timeMovesOn(D + "14:10");

    assertThat(EngineHarness.diff(direct.stored(), stepwise.stored(), 20)).isEmpty();
    assertThat(EngineHarness.diff(batch.stored(), stepwise.stored(), 20)).isEmpty();
  }
}
