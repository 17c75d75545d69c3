package io.gemba.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySamplesTest {

  @Test
  void nearestRank_oneToHundred_thePercentileItself() {
    long[] sorted = LongStream.rangeClosed(1, 100).toArray();

    assertThat(LatencySamples.nearestRank(sorted, 50)).isEqualTo(50);
    assertThat(LatencySamples.nearestRank(sorted, 99)).isEqualTo(99);
    assertThat(LatencySamples.nearestRank(sorted, 100)).isEqualTo(100);
    assertThat(LatencySamples.nearestRank(sorted, 0.5)).isEqualTo(1);
  }

  @Test
  void nearestRank_fourValues_rankRoundedUp() {
    long[] sorted = {10, 20, 30, 40};

    // rank = ceil(p/100 × 4): p50 → 2, p75 → 3, p99 → ceil(3.96) = 4, p1 → ceil(0.04) = 1
    assertThat(LatencySamples.nearestRank(sorted, 50)).isEqualTo(20);
    assertThat(LatencySamples.nearestRank(sorted, 75)).isEqualTo(30);
    assertThat(LatencySamples.nearestRank(sorted, 99)).isEqualTo(40);
    assertThat(LatencySamples.nearestRank(sorted, 1)).isEqualTo(10);
  }

  @Test
  void percentile_samplesInAnyOrder_sortedFirst() {
    LatencySamples samples = new LatencySamples();
    samples.add(5);
    samples.add(1);
    samples.add(3);

    // three values: p50 → rank ceil(1.5) = 2 → 3; p99 → rank ceil(2.97) = 3 → 5
    assertThat(samples.count()).isEqualTo(3);
    assertThat(samples.percentile(50)).hasValue(3);
    assertThat(samples.percentile(99)).hasValue(5);
  }

  @Test
  void percentile_manySamples_growsPastItsFirstArray() {
    LatencySamples samples = new LatencySamples();
    for (long i = 3_000; i >= 1; i--) {
      samples.add(i);
    }

    assertThat(samples.percentile(50)).hasValue(1_500);
    assertThat(samples.percentile(99)).hasValue(2_970);
  }

  @Test
  void percentile_noSamples_empty() {
    assertThat(new LatencySamples().percentile(50)).isEmpty();
  }

  @Test
  void nearestRank_percentileOutOfRange_refused() {
    assertThatThrownBy(() -> LatencySamples.nearestRank(new long[] {1}, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LatencySamples.nearestRank(new long[] {1}, 100.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
