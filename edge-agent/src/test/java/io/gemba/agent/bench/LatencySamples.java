package io.gemba.agent.bench;

import java.util.Arrays;
import java.util.OptionalLong;

/** Latency samples in nanoseconds and their percentiles. Thread-safe. */
final class LatencySamples {

  private long[] samples = new long[1024];
  private int size;

  synchronized void add(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  synchronized int count() {
    return size;
  }

  /** The {@code p}-th percentile (0 < p ≤ 100) by nearest rank, or empty without samples. */
  OptionalLong percentile(double p) {
    long[] sorted;
    synchronized (this) {
      sorted = Arrays.copyOf(samples, size);
    }
    Arrays.sort(sorted);
    return sorted.length == 0 ? OptionalLong.empty() : OptionalLong.of(nearestRank(sorted, p));
  }

  /**
   * The nearest-rank percentile of sorted values: the smallest value such that at least {@code p}
   * percent of the values are at or below it, i.e. the value at rank ⌈p/100 × n⌉ (from 1).
   */
  static long nearestRank(long[] sorted, double p) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
    }
    // p × n first: exact for whole p, where p / 100 × n may land just above a whole rank
    int rank = (int) Math.ceil(p * sorted.length / 100);
    return sorted[Math.max(1, rank) - 1];
  }
}
