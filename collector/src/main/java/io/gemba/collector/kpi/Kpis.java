package io.gemba.collector.kpi;

import java.util.Objects;

/**
 * The KPIs of one window, all derived from its {@link ProductionSums}. A ratio whose denominator is
 * zero (no planned time, no unit made, no failure) is {@code NaN}: undefined, not zero, and never
 * written as a value.
 *
 * @param policy the micro-stop policy used
 * @param plannedMs planned production time
 * @param runMs run time: planned time less the stops the policy counts against availability
 * @param stopMs the stops the policy counts against availability
 * @param totalCount units made
 * @param goodCount good units
 * @param availability run time / planned time
 * @param performance ideal time of all units / run time; above 1 means the ideal cycle time is
 *     wrong
 * @param quality good units / units made
 * @param oee good units × their ideal cycle time / planned time (for one product: availability ×
 *     performance × quality)
 * @param teep OEE × planned time / calendar time: good units × ideal cycle time / calendar time
 * @param losses the six big losses as time
 * @param failures DOWN periods that count as failures under the policy
 * @param mtbfMs mean time between failures: run time / failures
 * @param mttrMs mean time to repair: DOWN time of failures / failures
 * @param iso the wider ISO 22400-2 set
 */
public record Kpis(
    MicroStopPolicy policy,
    long plannedMs,
    long runMs,
    long stopMs,
    long totalCount,
    long goodCount,
    double availability,
    double performance,
    double quality,
    double oee,
    double teep,
    Losses losses,
    long failures,
    double mtbfMs,
    double mttrMs,
    Iso22400 iso) {

  /** Builds KPIs. */
  public Kpis {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(losses, "losses");
    Objects.requireNonNull(iso, "iso");
  }

  /**
   * Whether performance is above 1: more was made than the ideal cycle time allows, so the
   * configured ideal cycle time is too slow. Reported as it is, never capped.
   */
  public boolean performanceAboveOne() {
    return performance > 1;
  }

  /**
   * The wider ISO 22400-2 indicators, from the same sums. Run time is ISO's actual production time
   * (APT), changeover its actual setup time, DOWN its actual delay time.
   *
   * @param technicalEfficiency APT / (APT + DOWN time)
   * @param setupRatio changeover time / APT
   * @param utilizationEfficiency APT / (APT + changeover time): production share of busy time
   * @param allocationEfficiency (APT + changeover time) / planned time: busy share of planned time
   * @param nee net equipment effectiveness: utilization efficiency × performance × quality
   * @param throughputPerHour units made per hour of planned time
   * @param scrapRatio scrapped units / units made
   */
  public record Iso22400(
      double technicalEfficiency,
      double setupRatio,
      double utilizationEfficiency,
      double allocationEfficiency,
      double nee,
      double throughputPerHour,
      double scrapRatio) {}
}
