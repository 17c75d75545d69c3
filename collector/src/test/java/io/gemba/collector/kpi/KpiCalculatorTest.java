package io.gemba.collector.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * One morning shift worked out by hand under both micro-stop policies.
 *
 * <p>Shift 06:00–14:00 = 480 min calendar. Breaks 45 min and a 15 min team meeting (PLANNED_STOP):
 * planned = 480 − 45 − 15 = 420 min. Long stops: DOWN 20 + 10 min (2 events), CHANGEOVER 25 min,
 * IDLE 12 min, OFFLINE 3 min = 70 min. Micro-stops (under 2 min): six 1-minute jams (DOWN, 6
 * events) and 4 min IDLE = 10 min. Ideal cycle 60 s; 300 units made, 285 good, 15 scrap of which 5
 * while starting up after the changeover.
 */
class KpiCalculatorTest {

  private static final long MIN = 60_000;
  private static final Offset<Double> EXACT = within(1e-12);

  private static final ProductionSums SHIFT =
      new ProductionSums(
          480 * MIN,
          420 * MIN,
          new StopSums(30 * MIN, 25 * MIN, 12 * MIN, 3 * MIN, 2),
          new StopSums(6 * MIN, 0, 4 * MIN, 0, 6),
          300,
          285,
          5,
          300 * MIN,
          285 * MIN,
          5 * MIN);

  @Test
  void oee_tpmPolicy_microStopsAreRunTime() {
    Kpis kpis = new KpiCalculator(MicroStopPolicy.TPM).compute(SHIFT);

    // run = 420 − 70 = 350 min
    assertThat(kpis.runMs()).isEqualTo(350 * MIN);
    assertThat(kpis.stopMs()).isEqualTo(70 * MIN);
    assertThat(kpis.availability()).isCloseTo(350.0 / 420, EXACT);
    assertThat(kpis.performance()).isCloseTo(300.0 / 350, EXACT);
    assertThat(kpis.quality()).isCloseTo(285.0 / 300, EXACT);
    // OEE = (350/420)(300/350)(285/300) = 285/420 = good × ideal / planned
    assertThat(kpis.oee()).isCloseTo(285.0 / 420, EXACT);
    // TEEP = OEE × 420/480 = 285/480
    assertThat(kpis.teep()).isCloseTo(285.0 / 480, EXACT);
    assertThat(kpis.failures()).isEqualTo(2);
    assertThat(kpis.mtbfMs()).isEqualTo(175.0 * MIN); // 350 / 2
    assertThat(kpis.mttrMs()).isEqualTo(15.0 * MIN); // 30 / 2
    assertThat(kpis.performanceAboveOne()).isFalse();
  }

  @Test
  void losses_tpmPolicy_addUpToPlannedLessFullyProductiveTime() {
    Losses losses = new KpiCalculator(MicroStopPolicy.TPM).compute(SHIFT).losses();

    assertThat(losses.equipmentFailureMs()).isEqualTo(30.0 * MIN);
    assertThat(losses.setupMs()).isEqualTo(25.0 * MIN);
    assertThat(losses.idlingMinorStopsMs()).isEqualTo(22.0 * MIN); // 12 idle + 10 micro
    assertThat(losses.reducedSpeedMs()).isEqualTo(40.0 * MIN); // 350 − 10 − 300
    assertThat(losses.processDefectsMs()).isEqualTo(10.0 * MIN); // 15 scrap − 5 startup
    assertThat(losses.reducedYieldMs()).isEqualTo(5.0 * MIN);
    assertThat(losses.noDataMs()).isEqualTo(3.0 * MIN);
    // 30 + 25 + 22 + 40 + 10 + 5 + 3 = 135 = 420 − 285
    assertThat(losses.totalMs()).isEqualTo(135.0 * MIN);
  }

  @Test
  void oee_iso22400Policy_microStopsLowerAvailability() {
    Kpis kpis = new KpiCalculator(MicroStopPolicy.ISO22400).compute(SHIFT);

    // run = 420 − 70 − 10 = 340 min
    assertThat(kpis.runMs()).isEqualTo(340 * MIN);
    assertThat(kpis.availability()).isCloseTo(340.0 / 420, EXACT);
    assertThat(kpis.performance()).isCloseTo(300.0 / 340, EXACT);
    // the policy moves loss between availability and performance; OEE is the same
    assertThat(kpis.oee()).isCloseTo(285.0 / 420, EXACT);
    // every DOWN is a failure: 2 + 6; DOWN time 30 + 6 min
    assertThat(kpis.failures()).isEqualTo(8);
    assertThat(kpis.mtbfMs()).isEqualTo(42.5 * MIN); // 340 / 8
    assertThat(kpis.mttrMs()).isEqualTo(4.5 * MIN); // 36 / 8
    Losses losses = kpis.losses();
    assertThat(losses.equipmentFailureMs()).isEqualTo(36.0 * MIN);
    assertThat(losses.idlingMinorStopsMs()).isEqualTo(16.0 * MIN); // 12 + 4 idle
    assertThat(losses.reducedSpeedMs()).isEqualTo(40.0 * MIN); // 340 − 300
    assertThat(losses.totalMs()).isEqualTo(135.0 * MIN);
  }

  @Test
  void iso22400Set_tpmPolicy() {
    Kpis.Iso22400 iso = new KpiCalculator(MicroStopPolicy.TPM).compute(SHIFT).iso();

    assertThat(iso.technicalEfficiency()).isCloseTo(350.0 / 380, EXACT); // 350 / (350 + 30)
    assertThat(iso.setupRatio()).isCloseTo(25.0 / 350, EXACT);
    assertThat(iso.utilizationEfficiency()).isCloseTo(350.0 / 375, EXACT); // 350 / (350 + 25)
    assertThat(iso.allocationEfficiency()).isCloseTo(375.0 / 420, EXACT);
    // NEE = (350/375)(300/350)(285/300) = 285/375 = 0.76
    assertThat(iso.nee()).isCloseTo(0.76, EXACT);
    assertThat(iso.throughputPerHour()).isCloseTo(300.0 / 7, EXACT); // 300 units in 7 h
    assertThat(iso.scrapRatio()).isCloseTo(0.05, EXACT); // 15 / 300
  }

  @Test
  void performance_aboveOne_isReportedNotCapped() {
    // 100 units of ideal 60 s in 90 min of run time: the ideal cycle time is too slow
    ProductionSums sums =
        new ProductionSums(
            90 * MIN, 90 * MIN, StopSums.NONE, StopSums.NONE, 100, 100, 0, 100 * MIN, 100 * MIN, 0);

    Kpis kpis = new KpiCalculator(MicroStopPolicy.TPM).compute(sums);

    assertThat(kpis.performance()).isCloseTo(100.0 / 90, EXACT);
    assertThat(kpis.performanceAboveOne()).isTrue();
    assertThat(kpis.losses().reducedSpeedMs()).isEqualTo(-10.0 * MIN);
  }

  @Test
  void ratios_withoutDenominator_areUndefined() {
    Kpis kpis = new KpiCalculator(MicroStopPolicy.TPM).compute(ProductionSums.EMPTY);

    assertThat(kpis.availability()).isNaN();
    assertThat(kpis.quality()).isNaN();
    assertThat(kpis.oee()).isNaN();
    assertThat(kpis.mtbfMs()).isNaN();
    assertThat(kpis.mttrMs()).isNaN();
  }

  @Test
  void sums_ofTwoHalves_giveTheKpisOfTheWhole_notTheAverageOfRatios() {
    // first half: 200 min planned, 100 units; second: 220 min planned, 200 units
    ProductionSums first =
        new ProductionSums(
            240 * MIN, 200 * MIN, StopSums.NONE, StopSums.NONE, 100, 95, 0, 100 * MIN, 95 * MIN, 0);
    ProductionSums second =
        new ProductionSums(
            240 * MIN,
            220 * MIN,
            StopSums.NONE,
            StopSums.NONE,
            200,
            190,
            0,
            200 * MIN,
            190 * MIN,
            0);

    Kpis whole = new KpiCalculator(MicroStopPolicy.TPM).compute(first.plus(second));

    // (95 + 190) / (200 + 220) = 285 / 420, not the mean of 95/200 and 190/220
    assertThat(whole.oee()).isCloseTo(285.0 / 420, EXACT);
  }

  @Test
  void sums_inconsistent_areRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new ProductionSums(
                    10 * MIN, 20 * MIN, StopSums.NONE, StopSums.NONE, 0, 0, 0, 0, 0, 0))
        .withMessageContaining("exceeds calendar time");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new ProductionSums(
                    10 * MIN,
                    10 * MIN,
                    new StopSums(8 * MIN, 0, 0, 0, 1),
                    new StopSums(0, 0, 3 * MIN, 0, 0),
                    0,
                    0,
                    0,
                    0,
                    0,
                    0))
        .withMessageContaining("stop time 660000 ms exceeds planned time 600000 ms");
    assertThatIllegalArgumentException()
        .isThrownBy(
            () -> new ProductionSums(MIN, MIN, StopSums.NONE, StopSums.NONE, 10, 8, 3, 0, 0, 0))
        .withMessageContaining("good + startup scrap <= total");
  }
}
