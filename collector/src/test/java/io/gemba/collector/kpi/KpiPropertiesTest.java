package io.gemba.collector.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.gemba.collector.proptest.Draw;
import io.gemba.collector.proptest.Property;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Invariants of the KPI formulas over consistent sums of one product (one ideal cycle time). */
class KpiPropertiesTest {

  private static final long MAX_PLANNED_MS = 12 * 3_600_000L;

  /** Sums and the ideal cycle time they were made with. */
  record Window(ProductionSums sums, long idealCycleMs) {}

  /** A window and the policy its KPIs are computed under. */
  record Case(Window window, MicroStopPolicy policy) {}

  /**
   * Every bound at once, under each policy: nothing planned, and a long shift of long cycles and
   * long stops.
   */
  private static final List<Case> EDGE_CASES =
      Stream.of(
              window(0, Collections.nCopies(8, 0.0), 0, 1_000, 0, 0),
              window(MAX_PLANNED_MS, Collections.nCopies(8, 1.0), 1_000, 600_000, 1, 1))
          .flatMap(w -> Stream.of(MicroStopPolicy.values()).map(policy -> new Case(w, policy)))
          .toList();

  @Test
  void availabilityAndQuality_areFractions() {
    forAllCases(
        c -> {
          Kpis kpis = new KpiCalculator(c.policy()).compute(c.window().sums());

          if (c.window().sums().plannedMs() > 0) {
            assertThat(kpis.availability()).isBetween(0.0, 1.0);
          }
          if (c.window().sums().totalCount() > 0) {
            assertThat(kpis.quality()).isBetween(0.0, 1.0);
          }
        });
  }

  @Test
  void oee_isGoodCountTimesIdealCycleOverPlannedTime() {
    forAllCases(
        c -> {
          ProductionSums sums = c.window().sums();
          Kpis kpis = new KpiCalculator(c.policy()).compute(sums);
          if (kpis.runMs() > 0 && sums.totalCount() > 0) {
            double expected =
                (double) sums.goodCount() * c.window().idealCycleMs() / sums.plannedMs();
            assertThat(kpis.oee()).isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
          }
        });
  }

  @Test
  void losses_addUpToPlannedLessFullyProductiveTime() {
    forAllCases(
        c -> {
          ProductionSums sums = c.window().sums();
          Losses losses = new KpiCalculator(c.policy()).compute(sums).losses();

          double fullyProductiveMs = (double) sums.goodCount() * c.window().idealCycleMs();
          double expected = sums.plannedMs() - fullyProductiveMs;
          assertThat(losses.totalMs())
              .isCloseTo(expected, within(1e-6 * Math.max(1, sums.plannedMs())));
        });
  }

  /** Checks the edge cases and random ones, a thousand in all. */
  private static void forAllCases(Property.Check<Case> check) {
    Property.forAll(1000, EDGE_CASES, KpiPropertiesTest::cases, check);
  }

  private static Case cases(Draw d) {
    Window window =
        window(
            d.longBetween(0, MAX_PLANNED_MS),
            d.listOf(8, 8, e -> e.doubleBetween(0, 1)),
            d.longBetween(0, 1_000),
            d.longBetween(1_000, 600_000),
            d.doubleBetween(0, 1),
            d.doubleBetween(0, 1));
    return new Case(window, d.pick(MicroStopPolicy.class));
  }

  private static Window window(
      long plannedMs,
      List<Double> shares,
      long failures,
      long idealCycleMs,
      double goodShare,
      double startupShare) {
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
  }
}
