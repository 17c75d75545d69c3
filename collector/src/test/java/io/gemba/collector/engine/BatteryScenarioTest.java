package io.gemba.collector.engine;

import static io.gemba.collector.telemetry.BatteryTest.Verdict.FAIL;
import static io.gemba.collector.telemetry.BatteryTest.Verdict.PASS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.QualityPolicy;
import io.gemba.collector.plant.SpecLimits;
import io.gemba.collector.telemetry.BatteryTest;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Battery end-of-line tests at station {@code eol} of product {@code P}, in shift A (Monday
 * 2026-11-30, 06:00–14:00). Limits: {@code ocv_v} 200–204 V (target 202), {@code dcir_mohm} at most
 * 90 mΩ. Expected values worked out by hand in the comments.
 */
class BatteryScenarioTest {

  private static final Offset<Double> CLOSE = within(1e-9);
  private static final String SHIFT = "2026-11-30/A";
  private static final List<SpecLimits> LIMITS =
      List.of(
          new SpecLimits("P", "ocv_v", 200.0, 204.0, 202.0),
          new SpecLimits("P", "dcir_mohm", null, 90.0, null));

  private static EngineHarness plant(int window, int spcMinTests) {
    return new EngineHarness(
        ZoneId.of("Europe/Berlin"),
        List.of(EngineFixtures.morningShift(LocalTime.of(9, 0))),
        EngineFixtures.onChangeOnly(KpiPolicy.defaults()),
        new QualityPolicy(window, spcMinTests, LIMITS),
        EngineHarness.station("eol", IdealCycleTimes.of(Duration.ofSeconds(60))));
  }

  /**
   * Six tests of four packs. First tests: S1 (pass), S2 (ocv 205 over 204: fail), S3 (dcir 92 over
   * 90: fail, though the station said PASS: a mismatch), S4 (pass). S2 again, marked a retest,
   * passes; S3 again, not marked, is a retest all the same (its serial was tested) and passes.
   * First-pass yield 2 / 4 = 0.5; 4 of 6 tests passed; 2 retests; 1 mismatch.
   */
  private static List<TelemetryEvent> sixTests(EngineHarness p) {
    return List.of(
        p.test("eol", "2026-11-30T06:10", "S1", "P", false, PASS, "ocv_v", 202, "dcir_mohm", 85),
        p.test("eol", "2026-11-30T06:20", "S2", "P", false, FAIL, "ocv_v", 205, "dcir_mohm", 85),
        p.test("eol", "2026-11-30T06:30", "S2", "P", true, PASS, "ocv_v", 203, "dcir_mohm", 85),
        p.test("eol", "2026-11-30T06:40", "S3", "P", false, PASS, "ocv_v", 201, "dcir_mohm", 92),
        p.test("eol", "2026-11-30T06:50", "S3", "P", false, PASS, "ocv_v", 201, "dcir_mohm", 88),
        p.test("eol", "2026-11-30T07:00", "S4", "P", false, null, "ocv_v", 202.5));
  }

  @Test
  void firstPassYield_retestsByFlagAndBySerial() {
    EngineHarness p = plant(125, 25);
    sixTests(p).forEach(p::feed);

    Map<String, Object> pack =
        p.point("battery_quality", "2026-11-30T06:00", "measurement", "_pack", "shift", SHIFT);
    assertThat(pack)
        .containsEntry("tests", 6L)
        .containsEntry("passed", 4L)
        .containsEntry("failed", 2L)
        .containsEntry("first_tests", 4L)
        .containsEntry("first_passed", 2L)
        .containsEntry("retests", 2L)
        .containsEntry("verdict_mismatches", 1L);
    assertThat((double) pack.get("fpy")).isCloseTo(0.5, CLOSE);

    assertThat(p.point("battery_test", "2026-11-30T06:40", "product", "P"))
        .containsEntry("first_pass", true)
        .containsEntry("verdict_mismatch", true)
        .containsEntry("station_result", "PASS");
    assertThat(p.points("battery_test", "result", "FAIL")).hasSize(2);
    assertThat(p.point("battery_test", "2026-11-30T06:50", "product", "P"))
        .containsEntry("first_pass", false)
        .containsEntry("retest", true)
        .containsEntry("serial", "S3");

    QualitySnapshot quality = p.engine.quality().get(0);
    assertThat(quality.verdictMismatches()).isEqualTo(1);
    assertThat(quality.products().get(0).shift())
        .isEqualTo(new QualitySnapshot.ShiftYield(SHIFT, 6, 4, 4, 2, 0.5));
  }

  @Test
  void eachTestIsAUnitForOee_failedOnesScrap() {
    EngineHarness p = plant(125, 25);
    sixTests(p).forEach(p::feed);
    p.timeMovesOn("2026-11-30T14:10");

    // Six units, four good: quality 4 / 6.
    Map<String, Object> shift =
        p.point("oee", "2026-11-30T14:00", "window", "shift", "station", "eol");
    assertThat(shift).containsEntry("total", 6L).containsEntry("good", 4L);
    assertThat((double) shift.get("quality")).isCloseTo(4.0 / 6, CLOSE);
  }

  @Test
  void anyOrderWithinTheHorizon_sameStoredPoints() {
    EngineHarness inOrder = plant(4, 3);
    sixTests(inOrder).forEach(inOrder::feed);

    EngineHarness reversed = plant(4, 3);
    List<TelemetryEvent> events = new ArrayList<>(sixTests(reversed));
    Collections.reverse(events);
    events.forEach(reversed::feed);

    Map<String, Map<String, Object>> expected = battery(inOrder);
    assertThat(EngineHarness.diff(expected, battery(reversed), 10)).isEmpty();
    assertThat(expected).isNotEmpty();
  }

  private static Map<String, Map<String, Object>> battery(EngineHarness p) {
    Map<String, Map<String, Object>> stored = p.stored();
    stored.keySet().removeIf(key -> !key.startsWith("battery_"));
    return stored;
  }

  @Test
  void anEarlierTestOfTheSerialComingLate_theLaterOneIsARetest() {
    EngineHarness p = plant(125, 25);
    p.feed(p.test("eol", "2026-11-30T07:30", "S5", "P", false, PASS, "ocv_v", 202));
    assertThat(p.point("battery_test", "2026-11-30T07:30", "product", "P"))
        .containsEntry("first_pass", true);

    p.feed(p.test("eol", "2026-11-30T07:10", "S5", "P", false, FAIL, "ocv_v", 199));

    assertThat(p.point("battery_test", "2026-11-30T07:30", "product", "P"))
        .containsEntry("first_pass", false);
    assertThat(p.point("battery_test", "2026-11-30T07:10", "product", "P"))
        .containsEntry("first_pass", true);
    Map<String, Object> pack =
        p.point("battery_quality", "2026-11-30T06:00", "measurement", "_pack", "shift", SHIFT);
    // One first test (07:10), failed: FPY 0.
    assertThat(pack).containsEntry("first_tests", 1L).containsEntry("first_passed", 0L);
    assertThat((double) pack.get("fpy")).isZero();
  }

  /**
   * Window 5, baseline needs 3. ocv at 06:10…07:00: 201, 202, 203, 202, 201, 204. At 07:00 the
   * window is 202, 203, 202, 201, 204: mean 1012 / 5 = 202.4, squares of deviations 0.16 + 0.36 +
   * 0.16 + 1.96 + 2.56 = 5.2, sigma √1.3 = 1.140175; Cp = 4 / (6 · 1.140175) = 0.584705, Cpk =
   * min(1.6, 2.4) / (3 · 1.140175) = 0.467764. Its baseline, the five before it: 201, 202, 203,
   * 202, 201: mean 201.8, squares 0.64 + 0.04 + 1.44 + 0.04 + 0.64 = 2.8, sigma √0.7 = 0.836660; z
   * = 2.2 / 0.836660 = 2.629502, UCL 201.8 + 3 · 0.836660 = 204.309980.
   */
  @Test
  void rollingWindow_meanSigmaCapabilityAndChart() {
    EngineHarness p = plant(5, 3);
    double[] ocv = {201, 202, 203, 202, 201, 204};
    String[] at = {"06:10", "06:20", "06:30", "06:40", "06:50", "07:00"};
    for (int i = 0; i < ocv.length; i++) {
      p.feed(p.test("eol", "2026-11-30T" + at[i], "S" + i, "P", false, null, "ocv_v", ocv[i]));
    }

    Map<String, Object> last =
        p.point("battery_quality", "2026-11-30T07:00", "measurement", "ocv_v", "window", "rolling");
    assertThat(last).containsEntry("tests", 5L).containsEntry("value", 204.0);
    assertThat((double) last.get("mean")).isCloseTo(202.4, CLOSE);
    assertThat((double) last.get("sigma")).isCloseTo(Math.sqrt(1.3), CLOSE);
    assertThat((double) last.get("cp")).isCloseTo(4 / (6 * Math.sqrt(1.3)), CLOSE);
    assertThat((double) last.get("cpk")).isCloseTo(1.6 / (3 * Math.sqrt(1.3)), CLOSE);
    assertThat((double) last.get("centre")).isCloseTo(201.8, CLOSE);
    assertThat((double) last.get("z")).isCloseTo(2.2 / Math.sqrt(0.7), CLOSE);
    assertThat((double) last.get("ucl")).isCloseTo(201.8 + 3 * Math.sqrt(0.7), CLOSE);
    assertThat(last).containsEntry("lsl", 200.0).containsEntry("usl", 204.0);
    // The third test has a baseline of two: no chart yet.
    assertThat(
            p.point(
                "battery_quality", "2026-11-30T06:30", "measurement", "ocv_v", "window", "rolling"))
        .doesNotContainKey("z")
        .containsEntry("nelson1", 0L);

    // The shift over all six: mean 1213 / 6 = 202.1667; Pp and Ppk from its sigma.
    double mean = 1213.0 / 6;
    double squares = 0;
    for (double v : ocv) {
      squares += (v - mean) * (v - mean);
    }
    double sigma = Math.sqrt(squares / 5);
    Map<String, Object> shift =
        p.point("battery_quality", "2026-11-30T06:00", "measurement", "ocv_v", "shift", SHIFT);
    assertThat(shift).containsEntry("tests", 6L);
    assertThat((double) shift.get("pp")).isCloseTo(4 / (6 * sigma), CLOSE);
    assertThat((double) shift.get("ppk")).isCloseTo((204 - mean) / (3 * sigma), CLOSE);
  }

  /**
   * Window 20, baseline from 10: twenty tests alternating 202.5 and 201.5 (centre 202, sigma √(20 ·
   * 0.25 / 19) = 0.513), then nine at 202.2. Each of the nine is above its baseline's mean (at most
   * 202 + 8 · 0.2 / 20 = 202.08), within 1σ: only Nelson's rule 2 is broken, at the ninth. Eight at
   * 202.2 and then one at 201.5 break nothing.
   */
  @Test
  void nelson2_brokenByTheNinthDriftedTest_quietAtEight() {
    EngineHarness p = plant(20, 10);
    List<BatteryTest> tests = new ArrayList<>();
    for (int i = 0; i < 29; i++) {
      double value = i < 20 ? (i % 2 == 0 ? 202.5 : 201.5) : 202.2;
      tests.add(p.test("eol", minute(i), "S" + i, "P", false, null, "ocv_v", value));
    }
    tests.forEach(p::feed);

    List<QualitySnapshot.Violation> violations = p.engine.quality().get(0).violations();
    assertThat(violations).hasSize(1);
    assertThat(violations.get(0).rules()).containsExactly("nelson2");
    assertThat(violations.get(0).ts()).isEqualTo(p.at(minute(28)));
    assertThat(p.point("battery_quality", minute(28), "measurement", "ocv_v", "window", "rolling"))
        .containsEntry("nelson2", 1L)
        .containsEntry("nelson1", 0L);

    EngineHarness quiet = plant(20, 10);
    for (int i = 0; i < 29; i++) {
      double value = i < 20 ? (i % 2 == 0 ? 202.5 : 201.5) : i < 28 ? 202.2 : 201.5;
      quiet.feed(quiet.test("eol", minute(i), "S" + i, "P", false, null, "ocv_v", value));
    }
    assertThat(quiet.engine.quality().get(0).violations()).isEmpty();
  }

  private static String minute(int i) {
    return "2026-11-30T" + String.format("%02d:%02d", 6 + (i + 10) / 60, (i + 10) % 60);
  }

  @Test
  void restoredFromACheckpoint_goesOnAsIfItHadNotStopped() {
    EngineHarness straight = plant(4, 3);
    List<TelemetryEvent> first = sixTests(straight);
    first.forEach(straight::feed);
    BatteryTest next =
        straight.test("eol", "2026-11-30T07:10", "S3", "P", false, null, "ocv_v", 206);
    straight.feed(next);

    EngineHarness before = plant(4, 3);
    sixTests(before).forEach(before::feed);
    KpiEngine restored =
        KpiEngine.restore(before.model, before.emitted::add, before.engine.checkpoint());
    restored.accept(next);

    assertThat(restored.quality()).isEqualTo(straight.engine.quality());
    Map<String, Map<String, Object>> expected = battery(straight);
    Map<String, Map<String, Object>> actual = battery(before);
    assertThat(EngineHarness.diff(expected, actual, 10)).isEmpty();
  }
}
