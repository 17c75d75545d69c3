package io.gemba.agent.ingest;

import io.gemba.agent.timing.Ticker;
import java.util.concurrent.TimeUnit;

/**
 * How many rejected messages may still be republished in the current second of the ticker: at most
 * {@code perSecond} a second, so that a flood of bad input does not become a flood on the broker.
 * Thread-safe.
 */
final class DeadLetterBudget {

  private static final long SECOND_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Ticker ticker;
  private final int perSecond;
  private long secondStart;
  private int taken;

  DeadLetterBudget(Ticker ticker, int perSecond) {
    this.ticker = ticker;
    this.perSecond = perSecond;
    this.secondStart = ticker.nanos();
  }

  /** Whether one more may go now; if so, it is counted. */
  synchronized boolean take() {
    long now = ticker.nanos();
    if (now - secondStart >= SECOND_NANOS) {
      secondStart = now;
      taken = 0;
    }
    if (taken >= perSecond) {
      return false;
    }
    taken++;
    return true;
  }
}
