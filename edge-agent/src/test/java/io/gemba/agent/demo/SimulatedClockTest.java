package io.gemba.agent.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SimulatedClockTest {

  /** A wall clock the test moves. */
  private static final class Wall extends Clock {
    Instant now = Instant.parse("2026-11-26T12:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Test
  void plantTime_runsSpeedUpTimesTheWallClock_fromItsStart() {
    Wall wall = new Wall();
    Instant start = Instant.parse("2026-11-26T05:50:00Z");
    SimulatedClock clock = new SimulatedClock(wall, start, 60);
    assertThat(clock.instant()).isEqualTo(start);
    // 1.5 s of wall time at 60x is 90 s of plant time
    wall.now = wall.now.plus(Duration.ofMillis(1500));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-26T05:51:30Z"));
    // 10 min of wall time is 10 h of plant time
    wall.now = wall.now.plus(Duration.ofMinutes(10));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2026-11-26T15:51:30Z"));
  }

  @Test
  void speedUpOfZeroOrLess_isRefused() {
    assertThatThrownBy(() -> new SimulatedClock(new Wall(), Instant.EPOCH, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("above 0");
  }
}
