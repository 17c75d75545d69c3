package io.gemba.agent.testkit;

import io.gemba.agent.timing.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A ticker that a test moves on, so that backoffs and intervals pass without waiting. */
public final class ManualTicker implements Ticker {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long nanos() {
    return nanos.get();
  }

  /** Moves the ticker on by {@code elapsed}. */
  public void advance(Duration elapsed) {
    nanos.addAndGet(elapsed.toNanos());
  }
}
