package io.gemba.collector.engine;

import io.gemba.collector.plant.SpecLimits;
import io.gemba.collector.telemetry.BatteryTest;
import io.gemba.collector.telemetry.BatteryTest.Verdict;
import java.util.Map;

/**
 * What the agent makes of one battery test: its verdict, from the product's specification limits
 * where it has any (a test fails when a measurement with limits is outside them), else the
 * station's own; and whether the station's verdict disagrees with the limits.
 *
 * @param verdict {@code PASS} or {@code FAIL}, or {@code null} when neither limits nor the station
 *     judged it (it counts as good)
 * @param byLimits whether the limits judged it
 * @param mismatch whether the station sent a verdict that the limits contradict
 */
record BatteryJudgement(Verdict verdict, boolean byLimits, boolean mismatch) {

  /** The {@code result} tag of a test that nothing judged. */
  static final String UNJUDGED = "UNJUDGED";

  static BatteryJudgement of(BatteryTest test, Map<String, SpecLimits> limits) {
    boolean judged = false;
    boolean pass = true;
    if (!limits.isEmpty()) {
      for (Map.Entry<String, Double> measurement : test.measurements().entrySet()) {
        SpecLimits limit = limits.get(measurement.getKey());
        if (limit != null) {
          judged = true;
          pass &= limit.accepts(measurement.getValue());
        }
      }
    }
    if (!judged) {
      return new BatteryJudgement(test.result(), false, false);
    }
    Verdict verdict = pass ? Verdict.PASS : Verdict.FAIL;
    return new BatteryJudgement(verdict, true, test.result() != null && test.result() != verdict);
  }

  /** Whether the unit counts as good for OEE: it passed, or nothing judged it. */
  boolean good() {
    return verdict != Verdict.FAIL;
  }

  /** The {@code result} tag. */
  String resultTag() {
    return verdict == null ? UNJUDGED : verdict.name();
  }
}
