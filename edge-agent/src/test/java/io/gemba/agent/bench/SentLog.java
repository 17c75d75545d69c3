package io.gemba.agent.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the generator did with each message of one step: when it handed it over ({@link
 * System#nanoTime()}), and the range of event times it gave the step. Written by the publishing
 * thread, read by the threads that measure latency.
 */
final class SentLog {

  private final long first;
  private final int count;
  private final long baseNanos = System.nanoTime();
  // Nanoseconds after baseNanos, plus one; 0: not handed over yet.
  private final AtomicLongArray sent;
  private volatile long firstTsMs = Long.MAX_VALUE;
  private volatile long lastTsMs = Long.MIN_VALUE;

  /** The log of the messages numbered {@code first} to {@code first + count − 1}. */
  SentLog(long first, int count) {
    this.first = first;
    this.count = count;
    this.sent = new AtomicLongArray(count);
  }

  long first() {
    return first;
  }

  int count() {
    return count;
  }

  /** One past the last number of the step. */
  long end() {
    return first + count;
  }

  /** Message {@code number} was handed over at {@code nanos} with event time {@code tsMs}. */
  void sent(long number, long nanos, long tsMs) {
    sent.set((int) (number - first), nanos - baseNanos + 1);
    if (tsMs < firstTsMs) {
      firstTsMs = tsMs;
    }
    if (tsMs > lastTsMs) {
      lastTsMs = tsMs;
    }
  }

  /** Whether {@code number} is a message of this step that was handed over. */
  boolean wasSent(long number) {
    return number >= first && number < end() && sent.get((int) (number - first)) != 0;
  }

  /** When {@code number} was handed over; only for a number that {@link #wasSent}. */
  long sentNanos(long number) {
    return sent.get((int) (number - first)) - 1 + baseNanos;
  }

  /** The earliest event time of the step, in epoch ms ({@code Long.MAX_VALUE} before any). */
  long firstTsMs() {
    return firstTsMs;
  }

  /** The latest event time of the step, in epoch ms ({@code Long.MIN_VALUE} before any). */
  long lastTsMs() {
    return lastTsMs;
  }
}
