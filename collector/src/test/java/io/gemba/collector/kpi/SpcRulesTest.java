package io.gemba.collector.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each run rule on a sequence built to break it, and quiet on one that comes one point short. The
 * chart's centre is 10 and its sigma 1, so a value's z is the value less 10.
 */
class SpcRulesTest {

  private static final double CENTRE = 10;
  private static final double SIGMA = 1;

  /** The indices at which each value breaks {@code rule}. */
  private static List<Integer> breaks(SpcRules rule, double... values) {
    double[] z = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      z[i] = (values[i] - CENTRE) / SIGMA;
    }
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      if ((SpcRules.broken(values, z, i) & rule.bit()) != 0) {
        at.add(i);
      }
    }
    return at;
  }

  @Test
  void nelson1_beyondThreeSigma_eitherSide() {
    assertThat(breaks(SpcRules.NELSON_1, 10, 13.01, 10, 6.9, 13.0, 7.0)).containsExactly(1, 3);
  }

  @Test
  void nelson2_nineInARowOnOneSide_fromTheNinth() {
    // 0: below; 1–9: nine above (the ninth at 9), 10: a tenth above, 11: on the centre line.
    double[] values = {9.5, 10.2, 10.4, 10.1, 10.3, 10.2, 10.6, 10.1, 10.2, 10.3, 10.4, 10};
    assertThat(breaks(SpcRules.NELSON_2, values)).containsExactly(9, 10);
    // Eight above, then one below: quiet.
    assertThat(breaks(SpcRules.NELSON_2, 10.2, 10.4, 10.1, 10.3, 10.2, 10.6, 10.1, 10.2, 9.9))
        .isEmpty();
    // Nine below.
    assertThat(breaks(SpcRules.NELSON_2, 9.9, 9.8, 9.7, 9.9, 9.5, 9.1, 9.9, 9.8, 9.9))
        .containsExactly(8);
  }

  @Test
  void nelson3_sixSteadilyIncreasingOrDecreasing() {
    // Six increasing (five rises) end at index 5; a seventh goes on.
    assertThat(breaks(SpcRules.NELSON_3, 9.0, 9.2, 9.5, 9.6, 10.1, 10.3, 10.4))
        .containsExactly(5, 6);
    // Five increasing, then a tie: quiet (a tie is neither).
    assertThat(breaks(SpcRules.NELSON_3, 9.0, 9.2, 9.5, 9.6, 10.1, 10.1)).isEmpty();
    assertThat(breaks(SpcRules.NELSON_3, 11, 10.8, 10.5, 10.1, 9.9, 9.2)).containsExactly(5);
  }

  @Test
  void westernElectric2of3_twoOfThreeBeyondTwoSigmaOnOneSide() {
    // 12.1 beyond, 10.5 not, 12.3 beyond: the third point completes it.
    assertThat(breaks(SpcRules.WE_2_OF_3, 10, 12.1, 10.5, 12.3)).containsExactly(3);
    // Beyond on opposite sides: quiet.
    assertThat(breaks(SpcRules.WE_2_OF_3, 10, 12.1, 10.5, 7.7)).isEmpty();
    // Broken at the second beyond; not at the next point, within, though two of its three are.
    assertThat(breaks(SpcRules.WE_2_OF_3, 10.0, 12.1, 12.3, 10.0)).containsExactly(2);
    // The first two points of a chart: no three points to judge yet.
    assertThat(breaks(SpcRules.WE_2_OF_3, 12.1, 12.3)).isEmpty();
  }

  @Test
  void westernElectric4of5_fourOfFiveBeyondOneSigmaOnOneSide() {
    assertThat(breaks(SpcRules.WE_4_OF_5, 11.2, 11.5, 10.3, 11.1, 11.4)).containsExactly(4);
    // Three of five: quiet.
    assertThat(breaks(SpcRules.WE_4_OF_5, 11.2, 11.5, 10.3, 10.9, 11.4)).isEmpty();
    assertThat(breaks(SpcRules.WE_4_OF_5, 8.8, 8.5, 8.9, 9.5, 8.6)).containsExactly(4);
  }

  @Test
  void inControlNoise_breaksNothing() {
    double[] values = {10.3, 9.6, 10.1, 9.8, 10.7, 9.4, 10.2, 10.0, 9.7, 10.5, 9.9, 10.4};
    double[] z = Arrays.stream(values).map(v -> v - CENTRE).toArray();
    for (int i = 0; i < values.length; i++) {
      assertThat(SpcRules.broken(values, z, i)).as("at %d", i).isZero();
    }
  }

  @Test
  void noBaselineYet_noRuleReadsIt() {
    double[] values = {14, 14, 14, 14};
    double[] z = {Double.NaN, 4, 4, 4};
    assertThat(SpcRules.broken(values, z, 0)).isZero();
    // Nelson 1 needs only the point's own z; 2-of-3 at 2 would read the NaN at 0, at 3 it does not.
    assertThat(SpcRules.of(SpcRules.broken(values, z, 2))).containsExactly(SpcRules.NELSON_1);
    assertThat(SpcRules.of(SpcRules.broken(values, z, 3)))
        .containsExactly(SpcRules.NELSON_1, SpcRules.WE_2_OF_3);
  }
}
