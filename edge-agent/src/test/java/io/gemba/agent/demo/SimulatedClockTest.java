package io.gemba.agent.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gemba.agent.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {

  @Test
  void plantTime_runsSpeedUpTimesTheWallClock_fromItsStart() {
    ManualClock wall = new ManualClock(Instant.parse("2026-11-26T12:00:00Z"));
    Instant start = Instant.parse("2026-11-26T05:50:00Z");
    SimulatedClock clock = new SimulatedClock(wall, start, 60);
    assertThat(clock.instant()).isEqualTo(start);
    // 1.5 s of wall time at 60x is 90 s of plant time
    wall.advance(Duration.ofMillis(1500));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-26T05:51:30Z"));
    // 10 min of wall time is 10 h of plant time
    wall.advance(Duration.ofMinutes(10));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-26T15:51:30Z"));
  }

  @Test
  void speedUpOfZeroOrLess_isRefused() {
    assertThatThrownBy(() -> new SimulatedClock(new ManualClock(Instant.EPOCH), Instant.EPOCH, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("above 0");
  }
}
