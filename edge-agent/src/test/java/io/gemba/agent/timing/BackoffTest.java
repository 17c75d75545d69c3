package io.gemba.agent.timing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackoffTest {

  @Test
  void waits_doubleFromTheFirstToTheLongest_andASuccessStartsOver() {
    // random 0.5: the middle of the jitter, a factor of exactly 1
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), () -> 0.5);

    List<Long> waits =
        List.of(
            backoff.failed(),
            backoff.failed(),
            backoff.failed(),
            backoff.failed(),
            backoff.failed(),
            backoff.failed(),
            backoff.failed());
    assertThat(waits).containsExactly(1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L);

    backoff.succeeded();
    assertThat(backoff.failed()).isEqualTo(1_000);
  }

  @Test
  void jitter_spreadsEachWaitByTwentyPercentEitherWay() {
    Deque<Double> randoms = new ArrayDeque<>(List.of(0.0, 0.999_999, 0.25, 0.0));
    Backoff backoff = new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(60), randoms::poll);

    // nominal × (0.8 + 0.4 × random):
    assertThat(backoff.failed()).isEqualTo(8_000); // 10 s × 0.8
    assertThat(backoff.failed()).isEqualTo(24_000); // 20 s × 1.1999996 = 23,999.992 ms, rounded
    assertThat(backoff.failed()).isEqualTo(36_000); // 40 s × 0.9
    assertThat(backoff.failed()).isEqualTo(48_000); // 60 s (the longest, not 80) × 0.8
  }

  @Test
  void aFirstWaitOfZero_orLongerThanTheLongest_isRefused() {
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
