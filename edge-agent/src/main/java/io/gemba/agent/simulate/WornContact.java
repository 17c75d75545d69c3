package io.gemba.agent.simulate;

import java.util.Random;

/**
 * The designed fault of a test bench: now and then a contact of its internal-resistance probe
 * wears, so that {@code dcir_mohm} reads {@value #STEP_SIGMAS} sigmas high for {@value #MIN_HOURS}
 * to {@value #MAX_HOURS} hours, until maintenance cleans it. A shift that size is what the SPC run
 * rules are for: most tests stay within the limits, but nine in a row fall above the centre line
 * (Nelson 2) and two of three beyond 2 sigmas (Western Electric 2) soon after it starts.
 *
 * <p>Faults come one after another, each an exponential time of mean {@code meanGapMs} after the
 * end of the one before, in event time (the bench wears whether it tests or not). A pure function
 * of its seed and start: the same for the same plant.
 */
final class WornContact {

  /** The step of the reading while worn, in sigmas of the measurement. */
  static final double STEP_SIGMAS = 1.5;

  /** The shortest fault. */
  static final int MIN_HOURS = 2;

  /** The longest fault. */
  static final int MAX_HOURS = 6;

  /** The mean time between faults somewhere in the plant: one tester or another. */
  static final long PLANT_MEAN_GAP_MS = 2 * 24 * 3_600_000L;

  private static final long HOUR_MS = 3_600_000L;

  private final Random random;
  private final long meanGapMs;
  private long fromMs;
  private long toMs;

  /**
   * The faults of one bench from {@code startMs} on.
   *
   * @param meanGapMs the mean time from the end of one fault to the start of the next
   */
  WornContact(Random random, long meanGapMs, long startMs) {
    this.random = random;
    this.meanGapMs = meanGapMs;
    scheduleAfter(startMs);
  }

  /**
   * The faults of the tester of one line of a plant of {@code lines} lines: each tester's mean gap
   * is the plant's times the lines, so that the plant has one every {@link #PLANT_MEAN_GAP_MS}.
   */
  static WornContact ofLine(long seed, int line, int lines, long startMs) {
    return new WornContact(
        new Random(LineSim.seed(seed, line, -3)), PLANT_MEAN_GAP_MS * lines, startMs);
  }

  /** The step of the reading at {@code ms}, in sigmas; {@code ms} must not go back. */
  double sigmasAt(long ms) {
    while (ms >= toMs) {
      scheduleAfter(toMs);
    }
    return ms >= fromMs ? STEP_SIGMAS : 0;
  }

  /** The start of the current or next fault. */
  long fromMs() {
    return fromMs;
  }

  /** Its end. */
  long toMs() {
    return toMs;
  }

  private void scheduleAfter(long ms) {
    fromMs = ms + Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * meanGapMs));
    toMs =
        fromMs
            + MIN_HOURS * HOUR_MS
            + (long) (random.nextDouble() * (MAX_HOURS - MIN_HOURS) * HOUR_MS);
  }
}
