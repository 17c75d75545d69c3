package io.gemba.collector.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the KPI formulas over consistent sums of one product (one ideal cycle time). */
class KpiPropertiesTest {

  /** Sums and the ideal cycle time they were made with. */
  record Window(ProductionSums sums, long idealCycleMs) {}

  @Property
  void availabilityAndQuality_areFractions(
      @ForAll("windows") Window window, @ForAll MicroStopPolicy policy) {
    Kpis kpis = new KpiCalculator(policy).compute(window.sums());

    if (window.sums().plannedMs() > 0) {
      assertThat(kpis.availability()).isBetween(0.0, 1.0);
    }
    if (window.sums().totalCount() > 0) {
      assertThat(kpis.quality()).isBetween(0.0, 1.0);
    }
  }

  @Property
  void oee_isGoodCountTimesIdealCycleOverPlannedTime(
      @ForAll("windows") Window window, @ForAll MicroStopPolicy policy) {
    ProductionSums sums = window.sums();
    Kpis kpis = new KpiCalculator(policy).compute(sums);
    if (kpis.runMs() > 0 && sums.totalCount() > 0) {
      double expected = (double) sums.goodCount() * window.idealCycleMs() / sums.plannedMs();
      assertThat(kpis.oee()).isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
    }
  }

  @Property
  void losses_addUpToPlannedLessFullyProductiveTime(
      @ForAll("windows") Window window, @ForAll MicroStopPolicy policy) {
    ProductionSums sums = window.sums();
    Losses losses = new KpiCalculator(policy).compute(sums).losses();

    double fullyProductiveMs = (double) sums.goodCount() * window.idealCycleMs();
    double expected = sums.plannedMs() - fullyProductiveMs;
    assertThat(losses.totalMs()).isCloseTo(expected, within(1e-6 * Math.max(1, sums.plannedMs())));
  }

  @Provide
  Arbitrary<Window> windows() {
    Arbitrary<Long> planned = Arbitraries.longs().between(0, 12 * 3_600_000L);
    return Combinators.combine(
            planned,
            Arbitraries.doubles().between(0, 1).list().ofSize(8),
            Arbitraries.longs().between(0, 1_000),
            Arbitraries.longs().between(1_000, 600_000),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.doubles().between(0, 1))
        .as(
            (plannedMs, shares, failures, idealCycleMs, goodShare, startupShare) -> {
              // eight stop times that together use at most the planned time
              long[] stop = new long[8];
              long left = plannedMs;
              for (int i = 0; i < 8; i++) {
                stop[i] = (long) (left * shares.get(i) / 4);
                left -= stop[i];
              }
              long total = plannedMs / idealCycleMs;
              long good = (long) (total * goodShare);
              long startup = (long) ((total - good) * startupShare);
              ProductionSums sums =
                  new ProductionSums(
                      plannedMs + stop[0],
                      plannedMs,
                      new StopSums(stop[1], stop[2], stop[3], stop[4], failures),
                      new StopSums(stop[5], stop[6], stop[7], 0, failures / 2),
                      total,
                      good,
                      startup,
                      (double) total * idealCycleMs,
                      (double) good * idealCycleMs,
                      (double) startup * idealCycleMs);
              return new Window(sums, idealCycleMs);
            });
  }
}
