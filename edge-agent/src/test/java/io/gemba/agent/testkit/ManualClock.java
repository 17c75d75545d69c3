package io.gemba.agent.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A wall clock in UTC that a test sets or moves on, read by the code under test on any thread: the
 * agent's ticks and arrival times, or the time a publisher paces by, follow it.
 */
public final class ManualClock extends Clock {

  private final AtomicReference<Instant> now;

  /** A clock that reads {@code start} until it is set or moved. */
  public ManualClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Sets the clock to {@code instant}. */
  public void set(Instant instant) {
    now.set(instant);
  }

  /** Moves the clock on by {@code elapsed}. */
  public void advance(Duration elapsed) {
    now.updateAndGet(instant -> instant.plus(elapsed));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("UTC only");
  }
}
