package io.gemba.collector.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/**
 * Mean, sigma and the capability indices against published references: the NIST Statistical
 * Reference Datasets for univariate summary statistics (NumAcc1 and NumAcc4, whose certified values
 * are exact by construction) and the worked example of the NIST/SEMATECH e-Handbook of Statistical
 * Methods, section 6.1.6 ("What is process capability?": LSL 8, USL 20, target 14, mean 16, sigma
 * 2).
 */
class CapabilityTest {

  private static final Offset<Double> EXACT = within(1e-12);

  /** NIST StRD NumAcc1: 10000001, 10000003, 10000002; certified mean 10000002, sd 1. */
  @Test
  void numAcc1_meanAndSigmaAsCertified() {
    SampleStats stats = SampleStats.of(10000001, 10000003, 10000002);

    assertThat(stats.n()).isEqualTo(3);
    assertThat(stats.mean()).isEqualTo(10000002.0);
    assertThat(stats.sigma()).isCloseTo(1.0, EXACT);
  }

  /**
   * NIST StRD NumAcc4: 10000000.2 followed by 500 pairs 10000000.1, 10000000.3 (1001 values);
   * certified mean 10000000.2, sd 0.1: deviations 0 and ±0.1, 1000 × 0.01 / 1000 = 0.01. A naive
   * sum of squares (about 10^17) loses every digit of the 10 it must find.
   */
  @Test
  void numAcc4_largeValuesWithASmallSpread_keepTheirDigits() {
    double[] values = new double[1001];
    values[0] = 10000000.2;
    for (int i = 1; i < values.length; i += 2) {
      values[i] = 10000000.1;
      values[i + 1] = 10000000.3;
    }

    SampleStats stats = SampleStats.of(values);

    assertThat(stats.n()).isEqualTo(1001);
    assertThat(stats.mean()).isCloseTo(10000000.2, within(1e-8));
    assertThat(stats.sigma()).isCloseTo(0.1, within(1e-8));
  }

  @Test
  void aWindowOfAnArray_onlyItsValues() {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 40 / 8 = 5, squares of deviations 9+1+1+1+0+0+4+16 = 32,
    // sample variance 32 / 7.
    double[] values = {100, 2, 4, 4, 4, 5, 5, 7, 9, -100};

    SampleStats stats = SampleStats.of(values, 1, 9);

    assertThat(stats.mean()).isCloseTo(5.0, EXACT);
    assertThat(stats.sigma()).isCloseTo(Math.sqrt(32.0 / 7), EXACT);
  }

  @Test
  void fewValues_undefinedWhereTheyMustBe() {
    assertThat(SampleStats.of()).isEqualTo(SampleStats.NONE);
    SampleStats one = SampleStats.of(3.5);
    assertThat(one.mean()).isEqualTo(3.5);
    assertThat(one.sigma()).isNaN();
  }

  @Test
  void sameValuesInTheSameOrder_sameBits() {
    double[] values = {201.61, 201.58, 201.73, 201.49, 201.66};
    double[] copy = Arrays.copyOf(values, values.length);

    assertThat(SampleStats.of(values)).isEqualTo(SampleStats.of(copy));
  }

  /**
   * e-Handbook 6.1.6: Cp = (20 − 8) / (6 · 2) = 1; Cpk = min((20 − 16) / 6, (16 − 8) / 6) = 2/3;
   * Cpm = 12 / (6 √(4 + (16 − 14)²)) = 2 / √8 = 0.7071.
   */
  @Test
  void handbookExample_cpCpkCpm() {
    Capability capability = Capability.of(new SampleStats(50, 16, 2), 8.0, 20.0, 14.0);

    assertThat(capability.cp()).isCloseTo(1.0, EXACT);
    assertThat(capability.cpk()).isCloseTo(2.0 / 3, EXACT);
    assertThat(capability.cpm()).isCloseTo(2 / Math.sqrt(8), EXACT);
  }

  @Test
  void oneSidedLimits_cpkFromThatSide_noCp() {
    // Capacity: lower limit 6.4 Ah only; mean 6.6, sigma 0.05: (6.6 − 6.4) / 0.15 = 4/3.
    Capability lower = Capability.of(new SampleStats(125, 6.6, 0.05), 6.4, null, null);
    // Internal resistance: upper limit 95 mΩ only; mean 86, sigma 2: (95 − 86) / 6 = 1.5.
    Capability upper = Capability.of(new SampleStats(125, 86, 2), null, 95.0, null);

    assertThat(lower.cpk()).isCloseTo(4.0 / 3, within(1e-9));
    assertThat(lower.cp()).isNaN();
    assertThat(upper.cpk()).isCloseTo(1.5, EXACT);
    assertThat(upper.cpm()).isNaN();
  }

  @Test
  void noSpreadOrNoLimits_nothingDefined() {
    assertThat(Capability.of(new SampleStats(5, 3, 0), 1.0, 5.0, null)).isEqualTo(Capability.NONE);
    assertThat(Capability.of(SampleStats.of(3.0), 1.0, 5.0, null)).isEqualTo(Capability.NONE);
    assertThat(Capability.of(new SampleStats(5, 3, 1), null, null, null))
        .isEqualTo(Capability.NONE);
  }

  @Test
  void meanOutsideTheLimits_negativeCpk() {
    // Mean 21 above USL 20, sigma 1: (20 − 21) / 3 = −1/3.
    Capability capability = Capability.of(new SampleStats(30, 21, 1), 8.0, 20.0, null);

    assertThat(capability.cpk()).isCloseTo(-1.0 / 3, EXACT);
  }
}
