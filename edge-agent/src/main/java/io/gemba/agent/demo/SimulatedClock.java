package io.gemba.agent.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The plant's clock in {@code demo}: it runs {@code speedUp} times faster than the wall clock from
 * {@code start}, as the simulated plant's event time does, so that the agent's ticks close minutes
 * and shifts of silent stations on the plant's time.
 */
public final class SimulatedClock extends Clock {

  private final Clock wall;
  private final Instant wallStart;
  private final Instant start;
  private final double speedUp;

  /** A clock that reads {@code start} now and then runs {@code speedUp} times the wall clock. */
  public SimulatedClock(Clock wall, Instant start, double speedUp) {
    if (!(speedUp > 0)) {
      throw new IllegalArgumentException("speed-up must be above 0, was " + speedUp);
    }
    this.wall = wall;
    this.wallStart = wall.instant();
    this.start = start;
    this.speedUp = speedUp;
  }

  @Override
  public Instant instant() {
    long wallNanos = Duration.between(wallStart, wall.instant()).toNanos();
    return start.plusNanos((long) (wallNanos * speedUp));
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the simulated clock is in UTC");
  }
}
