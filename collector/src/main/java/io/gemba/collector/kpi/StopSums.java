package io.gemba.collector.kpi;

/**
 * Stop time by state within a window, and the number of {@code DOWN} events, in milliseconds.
 *
 * @param downMs time in {@code DOWN} (unplanned stop)
 * @param changeoverMs time in {@code CHANGEOVER} (setup and adjustment)
 * @param idleMs time in {@code IDLE} (starved or blocked)
 * @param offlineMs time in {@code OFFLINE} (no data from the PLC)
 * @param downEvents how many {@code DOWN} periods started in the window
 */
public record StopSums(
    long downMs, long changeoverMs, long idleMs, long offlineMs, long downEvents) {

  /** No stops. */
  public static final StopSums NONE = new StopSums(0, 0, 0, 0, 0);

  /** Builds stop sums; every value is at least zero. */
  public StopSums {
    if ((downMs | changeoverMs | idleMs | offlineMs | downEvents) < 0) {
      throw new IllegalArgumentException("stop sums must not be negative: " + this);
    }
  }

  /** All stop time. */
  public long totalMs() {
    return downMs + changeoverMs + idleMs + offlineMs;
  }

  /** Whether there is no stop time and no DOWN event. */
  public boolean isNone() {
    return (downMs | changeoverMs | idleMs | offlineMs | downEvents) == 0;
  }

  /** The sums of two windows; when one of them has none, the other as it is. */
  public StopSums plus(StopSums other) {
    if (other.isNone()) {
      return this;
    }
    if (isNone()) {
      return other;
    }
    return new StopSums(
        downMs + other.downMs,
        changeoverMs + other.changeoverMs,
        idleMs + other.idleMs,
        offlineMs + other.offlineMs,
        downEvents + other.downEvents);
  }
}
