package io.gemba.agent.simulate;

import io.gemba.collector.telemetry.KaizenUpdate.TargetKpi;

/**
 * What the implemented kaizen cards for one station have changed, as shares of what is left: of its
 * failure rate, of the time its cycles take beyond the ideal one (the slack), and of its scrap
 * rate.
 *
 * <p>A card for {@code DOWNTIME} cuts the failures by 25%, for {@code AVAILABILITY} by 20%, for
 * {@code OEE} by 15%; one for {@code CYCLE_TIME} cuts the slack by 20%, one for {@code SCRAP} or
 * {@code QUALITY} the scrap by 20%. Cuts compound, and each share stays at least {@value #FLOOR}: a
 * station never becomes failure-free, never runs at its ideal cycle, never stops scrapping. A
 * {@code PERFORMANCE} card changes nothing (the simulated cards never have one).
 */
final class Improvements {

  /** The least share left of anything. */
  static final double FLOOR = 0.5;

  /** The cut of the scrap rate, and of the slack, per card. */
  static final double CUT = 0.2;

  private double failures = 1;
  private double slack = 1;
  private double scrap = 1;

  /** How much a card for {@code target} cuts the failure rate: 0 if it is not about failures. */
  static double failureCut(TargetKpi target) {
    return switch (target) {
      case DOWNTIME -> 0.25;
      case AVAILABILITY -> 0.20;
      case OEE -> 0.15;
      default -> 0;
    };
  }

  /** A card for {@code target} was implemented. */
  void apply(TargetKpi target) {
    failures = Math.max(FLOOR, failures * (1 - failureCut(target)));
    if (target == TargetKpi.CYCLE_TIME) {
      slack = Math.max(FLOOR, slack * (1 - CUT));
    }
    if (target == TargetKpi.SCRAP || target == TargetKpi.QUALITY) {
      scrap = Math.max(FLOOR, scrap * (1 - CUT));
    }
  }

  /** The share of the failure rate left. */
  double failures() {
    return failures;
  }

  /** The share of the cycles' slack left. */
  double slack() {
    return slack;
  }

  /** The share of the scrap rate left. */
  double scrap() {
    return scrap;
  }
}
