package io.gemba.collector.kpi;

import java.util.Objects;

/**
 * Derives {@link Kpis} from {@link ProductionSums} under a micro-stop policy, following OEE.com and
 * ISO 22400-2 (docs/kpis.md). A pure function: the same sums always give the same KPIs.
 */
public final class KpiCalculator {

  private static final double MS_PER_HOUR = 3_600_000.0;

  private final MicroStopPolicy policy;

  /** A calculator for {@code policy}. */
  public KpiCalculator(MicroStopPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** The micro-stop policy the KPIs are computed under. */
  public MicroStopPolicy policy() {
    return policy;
  }

  /**
   * The stop time that lowers availability: stops of at least the threshold, and under ISO 22400
   * micro-stops too. Run time is planned time less this.
   */
  public long stopMs(ProductionSums sums) {
    return counted(sums).totalMs();
  }

  /** The KPIs of one window. */
  public Kpis compute(ProductionSums sums) {
    StopSums counted = counted(sums);
    long stopMs = counted.totalMs();
    long runMs = sums.plannedMs() - stopMs;
    double availability = ratio(runMs, sums.plannedMs());
    double performance = ratio(sums.idealMsTotal(), runMs);
    double quality = ratio(sums.goodCount(), sums.totalCount());
    // OEE.com: good count x ideal cycle time / planned time, summed over products. For one product
    // it equals availability x performance x quality; for several, quality weighted by ideal time.
    double oee = ratio(sums.idealMsGood(), sums.plannedMs());
    double teep = ratio(sums.idealMsGood(), sums.calendarMs());
    long failures = counted.downEvents();
    return new Kpis(
        policy,
        sums.plannedMs(),
        runMs,
        stopMs,
        sums.totalCount(),
        sums.goodCount(),
        availability,
        performance,
        quality,
        oee,
        teep,
        losses(sums, counted, runMs),
        failures,
        ratio(runMs, failures),
        ratio(counted.downMs(), failures),
        iso(sums, counted, runMs, performance, quality));
  }

  private StopSums counted(ProductionSums sums) {
    return policy == MicroStopPolicy.TPM ? sums.stops() : sums.stops().plus(sums.microStops());
  }

  private Losses losses(ProductionSums sums, StopSums counted, long runMs) {
    long minorStopsMs = policy == MicroStopPolicy.TPM ? sums.microStops().totalMs() : 0;
    double scrapIdealMs = sums.idealMsTotal() - sums.idealMsGood();
    return new Losses(
        counted.downMs(),
        counted.changeoverMs(),
        counted.idleMs() + minorStopsMs,
        runMs - minorStopsMs - sums.idealMsTotal(),
        scrapIdealMs - sums.idealMsStartupScrap(),
        sums.idealMsStartupScrap(),
        counted.offlineMs());
  }

  private static Kpis.Iso22400 iso(
      ProductionSums sums, StopSums counted, long runMs, double performance, double quality) {
    double busyMs = runMs + counted.changeoverMs();
    double utilization = ratio(runMs, busyMs);
    return new Kpis.Iso22400(
        ratio(runMs, runMs + counted.downMs()),
        ratio(counted.changeoverMs(), runMs),
        utilization,
        ratio(busyMs, sums.plannedMs()),
        utilization * performance * quality,
        ratio(sums.totalCount() * MS_PER_HOUR, sums.plannedMs()),
        ratio(sums.scrapCount(), sums.totalCount()));
  }

  /** {@code numerator / denominator}, or NaN when the denominator is zero. */
  private static double ratio(double numerator, double denominator) {
    return denominator == 0 ? Double.NaN : numerator / denominator;
  }
}
