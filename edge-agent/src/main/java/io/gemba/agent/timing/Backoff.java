package io.gemba.agent.timing;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long to wait after each failure of something that is tried again (a connection, a write): the
 * first wait, doubled after each failure up to the longest, reset by a success; each wait is spread
 * by ±20% jitter so that agents restarted together do not all try again at the same moment.
 *
 * <p>Thread-safe, for the callbacks of clients whose threads differ from try to try.
 */
public final class Backoff {

  /** The jitter: each wait is the nominal one times a factor in [0.8, 1.2). */
  static final double JITTER = 0.2;

  private final long firstMs;
  private final long longestMs;
  private final DoubleSupplier random;
  private long nextMs;

  /** A backoff from {@code first} doubling to {@code longest}, with random jitter. */
  public Backoff(Duration first, Duration longest) {
    this(first, longest, () -> ThreadLocalRandom.current().nextDouble());
  }

  /**
   * A backoff whose jitter comes from {@code random}, uniform in [0, 1).
   *
   * @throws IllegalArgumentException unless 0 &lt; first &le; longest
   */
  public Backoff(Duration first, Duration longest, DoubleSupplier random) {
    this.firstMs = first.toMillis();
    this.longestMs = longest.toMillis();
    if (firstMs <= 0 || longestMs < firstMs) {
      throw new IllegalArgumentException(
          "a backoff needs 0 < first <= longest, not " + first + " and " + longest);
    }
    this.random = Objects.requireNonNull(random, "random");
    this.nextMs = firstMs;
  }

  /** A failure: the wait before the next try, in milliseconds; the one after is twice as long. */
  public synchronized long failed() {
    long nominal = nextMs;
    nextMs = Math.min(longestMs, nextMs * 2);
    double factor = 1 - JITTER + 2 * JITTER * random.getAsDouble();
    return Math.max(1, Math.round(nominal * factor));
  }

  /** A success: the next failure waits the first wait again. */
  public synchronized void succeeded() {
    nextMs = firstMs;
  }
}
