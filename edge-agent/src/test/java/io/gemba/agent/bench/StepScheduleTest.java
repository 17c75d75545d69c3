package io.gemba.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StepScheduleTest {

  private static final long START = 5_000_000_000L;

  @Test
  void of_rateTimesDuration_isTheCount() {
    assertThat(StepSchedule.of(START, 2_000, Duration.ofSeconds(5)).count()).isEqualTo(10_000);
    assertThat(StepSchedule.of(START, 15_000, Duration.ofSeconds(60)).count()).isEqualTo(900_000);
    // 3 a second for 500 ms: 1.5, rounded
    assertThat(StepSchedule.of(START, 3, Duration.ofMillis(500)).count()).isEqualTo(2);
  }

  @Test
  void dueNanos_oneOverRateApart_fromTheStart() {
    StepSchedule schedule = StepSchedule.of(START, 2_000, Duration.ofSeconds(5));

    // 2,000 a second: one every 500 us; message 2,000 one second after message 0.
    assertThat(schedule.dueNanos(0)).isEqualTo(START);
    assertThat(schedule.dueNanos(1)).isEqualTo(START + 500_000);
    assertThat(schedule.dueNanos(2_000)).isEqualTo(START + 1_000_000_000L);
    assertThat(schedule.dueNanos(9_999)).isEqualTo(START + 4_999_500_000L);
  }

  @Test
  void dueNanos_fractionalInterval_roundsEachFromTheStart() {
    StepSchedule schedule = new StepSchedule(START, 3, 9);

    // 333,333,333.3 ns apart: 333,333,333 then 666,666,667 (not 666,666,666), then exactly 1 s.
    assertThat(schedule.dueNanos(1)).isEqualTo(START + 333_333_333L);
    assertThat(schedule.dueNanos(2)).isEqualTo(START + 666_666_667L);
    assertThat(schedule.dueNanos(3)).isEqualTo(START + 1_000_000_000L);
  }

  @Test
  void achievedRate_lastHandedOverWhenDue_isTheRateOffered() {
    StepSchedule schedule = new StepSchedule(START, 10, 10);

    // the last (index 9) is due at 900 ms; plus one interval of 100 ms: 10 in 1 s
    assertThat(schedule.achievedRate(START + 900_000_000L)).isCloseTo(10.0, within(1e-9));
  }

  @Test
  void achievedRate_lastOneSecondLate_isTheCountOverTheLongerSpan() {
    StepSchedule schedule = new StepSchedule(START, 10, 10);

    // handed over at 1.9 s instead of 0.9 s: 10 messages in 1.9 + 0.1 = 2 s
    assertThat(schedule.achievedRate(START + 1_900_000_000L)).isCloseTo(5.0, within(1e-9));
  }

  @Test
  void keptUp_atLeast98PercentOfTheRate() {
    StepSchedule schedule = new StepSchedule(START, 1_000, 1_000);

    assertThat(schedule.keptUp(1_000)).isTrue();
    assertThat(schedule.keptUp(980)).isTrue();
    assertThat(schedule.keptUp(979.9)).isFalse();
  }

  @Test
  void new_rateNotAboveZero_refused() {
    assertThatThrownBy(() -> new StepSchedule(START, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new StepSchedule(START, Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
