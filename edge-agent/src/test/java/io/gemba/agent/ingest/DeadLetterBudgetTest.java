package io.gemba.agent.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.agent.testkit.ManualTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadLetterBudgetTest {

  @Test
  void atMostThePerSecondBound_thenAgainInTheNextSecond() {
    ManualTicker ticker = new ManualTicker();
    DeadLetterBudget budget = new DeadLetterBudget(ticker, 3);

    assertThat(budget.take()).isTrue();
    assertThat(budget.take()).isTrue();
    ticker.advance(Duration.ofMillis(999));
    assertThat(budget.take()).isTrue();
    assertThat(budget.take()).as("the fourth in the first second").isFalse();
    ticker.advance(Duration.ofMillis(1)); // a second after the first
    assertThat(budget.take()).isTrue();
    assertThat(budget.take()).isTrue();
    assertThat(budget.take()).isTrue();
    assertThat(budget.take()).isFalse();
  }
}
