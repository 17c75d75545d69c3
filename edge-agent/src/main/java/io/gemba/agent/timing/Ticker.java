package io.gemba.agent.timing;

/**
 * Elapsed time, in nanoseconds from an arbitrary origin, as {@link System#nanoTime()} gives it:
 * what the agent's intervals, deadlines and backoffs are measured with, so that tests can move it
 * on instead of waiting.
 */
@FunctionalInterface
public interface Ticker {

  /** The system's monotonic clock. */
  Ticker SYSTEM = System::nanoTime;

  /** Nanoseconds from this ticker's origin; only differences mean something. */
  long nanos();

  /** Milliseconds from this ticker's origin. */
  default long millis() {
    return nanos() / 1_000_000;
  }
}
