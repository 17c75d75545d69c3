package io.gemba.agent.bench;

import java.time.Duration;

/**
 * When each message of one benchmark step is due, open loop: message {@code i} (from 0) at {@code
 * start + i / rate}, whatever happened to the messages before it. A generator that is late sends
 * what is due at once and says how late it was; it never slows down to suit the system under test.
 * Pure arithmetic, nanoseconds on any time line ({@link System#nanoTime()}).
 *
 * @param startNanos when message 0 is due
 * @param rate messages per second, above 0
 * @param count the messages of the step
 */
record StepSchedule(long startNanos, double rate, long count) {

  private static final double NANOS_PER_SECOND = 1e9;

  /** How long after its set-up a step's first message is due: time to read what it costs. */
  private static final long START_DELAY_NANOS = Duration.ofMillis(100).toNanos();

  /** The share of the offered rate a generator must achieve to count as keeping up. */
  static final double KEPT_UP_SHARE = 0.98;

  StepSchedule {
    if (!(rate > 0 && Double.isFinite(rate))) {
      throw new IllegalArgumentException("rate must be above 0: " + rate);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
  }

  /** A step of {@code duration} at {@code rate}: rate × duration messages, rounded. */
  static StepSchedule of(long startNanos, double rate, Duration duration) {
    long count = Math.round(rate * duration.toNanos() / NANOS_PER_SECOND);
    return new StepSchedule(startNanos, rate, count);
  }

  /** A step of {@code duration} at {@code rate} whose first message is due 100 ms from now. */
  static StepSchedule startingSoon(double rate, Duration duration) {
    return of(System.nanoTime() + START_DELAY_NANOS, rate, duration);
  }

  /** When message {@code index} is due; each rounded on its own, so no error piles up. */
  long dueNanos(long index) {
    return startNanos + Math.round(index * NANOS_PER_SECOND / rate);
  }

  /**
   * The rate at which the messages were handed over: all of them over the time from the start until
   * the last was handed over, plus one interval (so a generator exactly on time achieves the rate
   * offered). Never above the rate offered.
   */
  double achievedRate(long lastHandedNanos) {
    if (count == 0) {
      return rate;
    }
    double span = (lastHandedNanos - startNanos) + NANOS_PER_SECOND / rate;
    return Math.min(rate, count * NANOS_PER_SECOND / span);
  }

  /** Whether {@code achievedRate} is close enough to the rate offered to count as offered. */
  boolean keptUp(double achievedRate) {
    return achievedRate >= KEPT_UP_SHARE * rate;
  }
}
