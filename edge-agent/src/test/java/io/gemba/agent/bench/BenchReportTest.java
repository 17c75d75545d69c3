package io.gemba.agent.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  private static StepResult step(int rate, double achieved, long lost) {
    return new StepResult(
        rate,
        new NumberedLoad.Published(rate * 60L, achieved, 0, 0, 0, true),
        new NumberAccounting.Summary(
            rate * 60L, rate * 60L - lost, lost, 0, 0, List.of(), List.of()),
        Duration.ofSeconds(1),
        new LatencySamples(),
        10,
        1024,
        1024,
        5,
        20,
        50,
        "");
  }

  @Test
  void highestPassed_stepsUpToTheFirstFailure() {
    List<StepResult> steps =
        List.of(step(1_000, 1_000, 0), step(2_000, 2_000, 0), step(4_000, 4_000, 3));

    assertThat(BenchReport.highestPassed(steps)).hasValue(2_000);
  }

  @Test
  void highestPassed_generatorBehind_notOfferedSoNotPassed() {
    // 3,900 of 4,000 a second is 97.5%, under the 98% that counts as offered
    List<StepResult> steps = List.of(step(1_000, 1_000, 0), step(4_000, 3_900, 0));

    assertThat(steps.get(1).passed()).isFalse();
    assertThat(steps.get(1).verdict()).startsWith("FAIL: not offered: generator 3900/s");
    assertThat(BenchReport.highestPassed(steps)).hasValue(1_000);
  }

  @Test
  void highestPassed_firstStepFailed_none() {
    assertThat(BenchReport.highestPassed(List.of(step(1_000, 1_000, 1)))).isEmpty();
  }
}
