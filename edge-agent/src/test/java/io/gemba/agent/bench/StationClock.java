package io.gemba.agent.bench;

import java.util.Arrays;

/**
 * Timestamps that increase strictly per station: the wall clock in milliseconds, or one more than
 * the station's last timestamp when the clock has not moved on (or went back). Two points of one
 * series with the same timestamp would collapse into one in InfluxDB and VictoriaMetrics, and the
 * benchmark would count a message as lost. Used by one thread.
 */
final class StationClock {

  private final long[] last;

  StationClock(int stations) {
    last = new long[stations];
    Arrays.fill(last, Long.MIN_VALUE);
  }

  /** The timestamp of a message of {@code station} published at wall clock {@code wallMs}. */
  long stamp(int station, long wallMs) {
    long ts = last[station] == Long.MIN_VALUE ? wallMs : Math.max(wallMs, last[station] + 1);
    last[station] = ts;
    return ts;
  }
}
