package io.gemba.collector.engine;

import io.gemba.collector.telemetry.CounterReading;
import java.util.Objects;

/**
 * Turns a station's cumulative PLC counters into production increments. The first reading only sets
 * the baseline (what the PLC counted before Gemba listened is not this window's production). A
 * reading in which any counter went down means the PLC reset its counters: the new values count
 * from zero, so the parts made since the reset are kept. A lost message loses no parts, since the
 * next reading carries them.
 *
 * <p>Not thread-safe: it belongs to the station's owner thread. Its {@link #state()} is what a
 * checkpoint saves.
 */
public final class CounterTracker {

  /**
   * Units made since the previous reading.
   *
   * @param total units made
   * @param good good units
   * @param scrap scrapped units
   * @param reset whether the PLC reset its counters before this reading
   */
  public record Increment(long total, long good, long scrap, boolean reset) {

    /** Nothing made: the baseline reading. */
    public static final Increment NONE = new Increment(0, 0, 0, false);
  }

  /**
   * The last reading, for checkpoints.
   *
   * @param total the last total counter
   * @param good the last good counter
   * @param scrap the last scrap counter
   */
  public record State(long total, long good, long scrap) {}

  private State last;

  /** A tracker that has seen no reading yet. */
  public CounterTracker() {}

  /** A tracker restored from a checkpoint. */
  public CounterTracker(State restored) {
    this.last = Objects.requireNonNull(restored, "restored");
  }

  /** The units made since the previous reading of this station. */
  public Increment accept(CounterReading reading) {
    State current = new State(reading.total(), reading.goodCount(), reading.scrapCount());
    State previous = last;
    last = current;
    if (previous == null) {
      return Increment.NONE;
    }
    boolean reset =
        current.total < previous.total
            || current.good < previous.good
            || current.scrap < previous.scrap;
    if (reset) {
      return new Increment(current.total, current.good, current.scrap, true);
    }
    return new Increment(
        current.total - previous.total,
        current.good - previous.good,
        current.scrap - previous.scrap,
        false);
  }

  /** Whether a baseline reading has been seen. */
  public boolean hasBaseline() {
    return last != null;
  }

  /** The last reading, or {@code null} before the first. */
  public State state() {
    return last;
  }
}
