package io.gemba.agent.timing;

import java.time.Duration;

/**
 * Lets something happen at most once per interval of a {@link Ticker}, such as a log line about bad
 * input that may come thousands of times a second: the first time, then once the interval has
 * passed since the last time it was let through. Not thread-safe.
 */
public final class Throttle {

  private final Ticker ticker;
  private final long intervalNanos;
  private boolean passed;
  private long lastNanos;

  /** At most once per {@code interval} of {@code ticker}. */
  public Throttle(Ticker ticker, Duration interval) {
    this.ticker = ticker;
    this.intervalNanos = interval.toNanos();
  }

  /** Whether to let it happen now; if so, the next is let through an interval from now. */
  public boolean pass() {
    long now = ticker.nanos();
    if (passed && now - lastNanos < intervalNanos) {
      return false;
    }
    passed = true;
    lastNanos = now;
    return true;
  }
}
