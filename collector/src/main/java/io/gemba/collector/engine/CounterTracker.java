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
 * <p>{@link #accept} leaves what the reading added in {@link #madeTotal()}, {@link #madeGood()},
 * {@link #madeScrap()} and {@link #wasReset()}, with no object per reading: it runs for most events
 * of the engine. Not thread-safe: it belongs to the station's owner thread. Its {@link #state()} is
 * what a checkpoint saves.
 */
public final class CounterTracker {

  /**
   * The last reading, for checkpoints.
   *
   * @param total the last total counter
   * @param good the last good counter
   * @param scrap the last scrap counter
   */
  public record State(long total, long good, long scrap) {}

  private boolean baseline;
  private long total;
  private long good;
  private long scrap;

  private long madeTotal;
  private long madeGood;
  private long madeScrap;
  private boolean reset;

  /** A tracker that has seen no reading yet. */
  public CounterTracker() {}

  /** A tracker restored from a checkpoint. */
  public CounterTracker(State restored) {
    Objects.requireNonNull(restored, "restored");
    baseline = true;
    total = restored.total();
    good = restored.good();
    scrap = restored.scrap();
  }

  /** Puts {@code copy} at the same reading as this one. */
  void copyTo(CounterTracker copy) {
    copy.baseline = baseline;
    copy.total = total;
    copy.good = good;
    copy.scrap = scrap;
  }

  /** Back to no reading: the next one is a baseline again. */
  void reset() {
    baseline = false;
    total = 0;
    good = 0;
    scrap = 0;
  }

  /** At the reading of a checkpoint. */
  void restore(State restored) {
    baseline = true;
    total = restored.total();
    good = restored.good();
    scrap = restored.scrap();
  }

  /**
   * Takes the station's next reading.
   *
   * @return whether it counted units: {@code false} for the baseline reading, after which nothing
   *     was made
   */
  public boolean accept(CounterReading reading) {
    long newTotal = reading.total();
    long newGood = reading.goodCount();
    long newScrap = reading.scrapCount();
    boolean counted = baseline;
    reset = counted && (newTotal < total || newGood < good || newScrap < scrap);
    if (!counted || reset) {
      madeTotal = counted ? newTotal : 0;
      madeGood = counted ? newGood : 0;
      madeScrap = counted ? newScrap : 0;
    } else {
      madeTotal = newTotal - total;
      madeGood = newGood - good;
      madeScrap = newScrap - scrap;
    }
    baseline = true;
    total = newTotal;
    good = newGood;
    scrap = newScrap;
    return counted;
  }

  /** Units made between the last reading and the one before. */
  public long madeTotal() {
    return madeTotal;
  }

  /** Good units made between the last reading and the one before. */
  public long madeGood() {
    return madeGood;
  }

  /** Units scrapped between the last reading and the one before. */
  public long madeScrap() {
    return madeScrap;
  }

  /** Whether the PLC reset its counters before the last reading. */
  public boolean wasReset() {
    return reset;
  }

  /** Whether a baseline reading has been seen. */
  public boolean hasBaseline() {
    return baseline;
  }

  /** The last reading, or {@code null} before the first. */
  public State state() {
    return baseline ? new State(total, good, scrap) : null;
  }
}
