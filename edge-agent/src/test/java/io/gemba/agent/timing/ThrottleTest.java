package io.gemba.agent.timing;

import static org.assertj.core.api.Assertions.assertThat;

import io.gemba.agent.testkit.ManualTicker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThrottleTest {

  @Test
  void passesTheFirstTime_thenOncePerInterval_fromTheLastPass() {
    ManualTicker ticker = new ManualTicker();
    Throttle throttle = new Throttle(ticker, Duration.ofSeconds(10));

    assertThat(throttle.pass()).isTrue();
    assertThat(throttle.pass()).isFalse();
    ticker.advance(Duration.ofMillis(9_999));
    assertThat(throttle.pass()).isFalse();
    ticker.advance(Duration.ofMillis(1));
    assertThat(throttle.pass()).as("10 s after the first").isTrue();
    ticker.advance(Duration.ofSeconds(15));
    assertThat(throttle.pass()).isTrue();
    ticker.advance(Duration.ofSeconds(9));
    assertThat(throttle.pass()).as("9 s after the last pass, 24 s after the first").isFalse();
  }
}
