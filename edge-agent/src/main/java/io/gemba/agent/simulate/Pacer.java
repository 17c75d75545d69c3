package io.gemba.agent.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When each message is due on the wall clock: pure arithmetic, no clock of its own.
 *
 * <p>Two ways to pace. By event time: the wall clock runs {@code speedUp} times slower than event
 * time, so a message is due when as much wall time has passed since the start as event time has
 * passed since the "live from" instant, divided by the speed-up; a message before that instant
 * (history, as {@code demo --history} publishes) is due at the start, so history goes out as fast
 * as the publisher can send it and the rest follows at the speed-up. At a fixed rate: message
 * {@code i} (from 0) is due {@code i / rate} seconds after the start, whatever its event time; this
 * is the steady open-loop load of a benchmark. Either way a message that is due is sent at once,
 * however late: an open-loop generator does not slow down when the system under test does, it falls
 * behind and says by how much.
 *
 * <p>Wall time is in nanoseconds on any time line (the publisher's clock); only differences count.
 */
public final class Pacer {

  private static final double NANOS_PER_SECOND = 1e9;

  private final long startNanos;
  private final Instant liveFrom;
  private final double speedUp;
  private final double nanosPerMessage;
  private final long endNanos;

  private Pacer(
      long startNanos,
      Instant liveFrom,
      double speedUp,
      double nanosPerMessage,
      Duration duration) {
    this.startNanos = startNanos;
    this.liveFrom = liveFrom;
    this.speedUp = speedUp;
    this.nanosPerMessage = nanosPerMessage;
    this.endNanos = duration == null ? Long.MAX_VALUE : startNanos + duration.toNanos();
  }

  /**
   * Paces by event time.
   *
   * @param startNanos the wall time at which the first message is due
   * @param liveFrom the event time due at the start: that of the first message, or a later one
   *     before which every message is due at once
   * @param speedUp how much faster event time runs than wall time, above 0
   * @param duration the wall time after which nothing is due any more, or {@code null}
   */
  public static Pacer byEventTime(
      long startNanos, Instant liveFrom, double speedUp, Duration duration) {
    Objects.requireNonNull(liveFrom, "liveFrom");
    if (!(speedUp > 0 && Double.isFinite(speedUp))) {
      throw new IllegalArgumentException("speedUp must be above 0: " + speedUp);
    }
    return new Pacer(startNanos, liveFrom, speedUp, 0, duration);
  }

  /**
   * Paces at a fixed rate.
   *
   * @param startNanos the wall time at which the first message is due
   * @param messagesPerSecond the rate, above 0
   * @param duration the wall time after which nothing is due any more, or {@code null}
   */
  public static Pacer atRate(long startNanos, double messagesPerSecond, Duration duration) {
    if (!(messagesPerSecond > 0 && Double.isFinite(messagesPerSecond))) {
      throw new IllegalArgumentException("messagesPerSecond must be above 0: " + messagesPerSecond);
    }
    return new Pacer(startNanos, null, 0, NANOS_PER_SECOND / messagesPerSecond, duration);
  }

  /**
   * The wall time at which a message is due.
   *
   * @param index the message's place in the stream, from 0
   * @param eventTime its event time
   */
  public long dueNanos(long index, Instant eventTime) {
    if (liveFrom == null) {
      return startNanos + Math.round(index * nanosPerMessage);
    }
    if (!eventTime.isAfter(liveFrom)) {
      return startNanos;
    }
    Duration sinceLive = Duration.between(liveFrom, eventTime);
    double eventNanos = sinceLive.getSeconds() * NANOS_PER_SECOND + sinceLive.getNano();
    return startNanos + Math.round(eventNanos / speedUp);
  }

  /** How long to wait at {@code nowNanos} for a message due at {@code dueNanos}: 0 if it is due. */
  public static long waitNanos(long dueNanos, long nowNanos) {
    return Math.max(0, dueNanos - nowNanos);
  }

  /** Whether a message due at {@code dueNanos} falls after the duration, so is never sent. */
  public boolean isAfterEnd(long dueNanos) {
    return dueNanos >= endNanos;
  }
}
