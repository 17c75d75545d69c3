package io.gemba.agent.simulate;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What plant to simulate, and how fast its event time runs.
 *
 * @param lines the battery pack lines, {@code pack-1} to {@code pack-N}, 1 to {@value #MAX_LINES}
 * @param stationsPerLine stations of each line, the last one the end-of-line battery test, 1 to
 *     {@value #MAX_STATIONS_PER_LINE}
 * @param seed the seed of every random draw: the same options give the same messages
 * @param speedUp how much faster than real time event time runs when published: 1 is real time, 60
 *     a minute of plant per second; above 0, at most {@value #MAX_SPEED_UP}. The generator itself
 *     does not look at it; the publisher paces with it.
 * @param countEvery how often a counter station publishes its counters while in a shift, 1 s to 1 h
 * @param heartbeatEvery how long a station is silent before it sends a heartbeat, 1 s to 1 h
 * @param mtbf the mean running time between failures (varied per station), at least a minute
 * @param mttr the mean time to repair a failure (varied per station), at least 10 s and below
 *     {@code mtbf}
 * @param scrapRate the mean share of units scrapped (varied per station), in [0, 0.5]
 * @param localShare the share of part lots from suppliers in the site's country, in [0, 1]
 */
public record SimulationOptions(
    int lines,
    int stationsPerLine,
    long seed,
    double speedUp,
    Duration countEvery,
    Duration heartbeatEvery,
    Duration mtbf,
    Duration mttr,
    double scrapRate,
    double localShare) {

  /** The most lines. */
  public static final int MAX_LINES = 99;

  /** The most stations of a line. */
  public static final int MAX_STATIONS_PER_LINE = 30;

  /** The highest speed-up: about 11 days of plant per second. */
  public static final double MAX_SPEED_UP = 1_000_000;

  /** The seed of {@link #defaults()}. */
  public static final long DEFAULT_SEED = 20_261_126L;

  private static final SimulationOptions DEFAULTS =
      new SimulationOptions(
          2,
          5,
          DEFAULT_SEED,
          1,
          Duration.ofSeconds(5),
          Duration.ofSeconds(30),
          Duration.ofMinutes(45),
          Duration.ofMinutes(4),
          0.02,
          0.60);

  /**
   * Builds options.
   *
   * @throws IllegalArgumentException if a value is out of its range; the message names it
   */
  public SimulationOptions {
    requireRange("lines", lines, 1, MAX_LINES);
    requireRange("stationsPerLine", stationsPerLine, 1, MAX_STATIONS_PER_LINE);
    if (!(speedUp > 0 && speedUp <= MAX_SPEED_UP)) {
      throw new IllegalArgumentException(
          "speedUp must be above 0 and at most " + (long) MAX_SPEED_UP + ": " + speedUp);
    }
    requireDuration("countEvery", countEvery, Duration.ofSeconds(1), Duration.ofHours(1));
    requireDuration("heartbeatEvery", heartbeatEvery, Duration.ofSeconds(1), Duration.ofHours(1));
    requireDuration("mtbf", mtbf, Duration.ofMinutes(1), Duration.ofDays(365));
    requireDuration("mttr", mttr, Duration.ofSeconds(10), Duration.ofDays(1));
    if (mttr.compareTo(mtbf) >= 0) {
      throw new IllegalArgumentException("mttr must be below mtbf: " + mttr + " >= " + mtbf);
    }
    requireShare("scrapRate", scrapRate, 0.5);
    requireShare("localShare", localShare, 1);
  }

  /**
   * Two lines of five stations, the default seed, real time, counters every 5 s, heartbeats after
   * 30 s of silence, MTBF 45 min, MTTR 4 min, 2% scrap, 60% local parts.
   */
  public static SimulationOptions defaults() {
    return DEFAULTS;
  }

  /** These options with another number of lines. */
  public SimulationOptions withLines(int lines) {
    return with(o -> o.lines = lines);
  }

  /** These options with another number of stations per line. */
  public SimulationOptions withStationsPerLine(int stationsPerLine) {
    return with(o -> o.stationsPerLine = stationsPerLine);
  }

  /** These options with another seed. */
  public SimulationOptions withSeed(long seed) {
    return with(o -> o.seed = seed);
  }

  /** These options with another speed-up. */
  public SimulationOptions withSpeedUp(double speedUp) {
    return with(o -> o.speedUp = speedUp);
  }

  /** These options with other intervals of counters and heartbeats. */
  public SimulationOptions withIntervals(Duration countEvery, Duration heartbeatEvery) {
    return with(
        o -> {
          o.countEvery = countEvery;
          o.heartbeatEvery = heartbeatEvery;
        });
  }

  /** These options with what {@code change} sets; checked as any options are. */
  private SimulationOptions with(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    return draft.options();
  }

  /** The values of options being changed, checked only once they are options again. */
  private static final class Draft {
    int lines;
    int stationsPerLine;
    long seed;
    double speedUp;
    Duration countEvery;
    Duration heartbeatEvery;
    Duration mtbf;
    Duration mttr;
    double scrapRate;
    double localShare;

    Draft(SimulationOptions from) {
      lines = from.lines;
      stationsPerLine = from.stationsPerLine;
      seed = from.seed;
      speedUp = from.speedUp;
      countEvery = from.countEvery;
      heartbeatEvery = from.heartbeatEvery;
      mtbf = from.mtbf;
      mttr = from.mttr;
      scrapRate = from.scrapRate;
      localShare = from.localShare;
    }

    SimulationOptions options() {
      return new SimulationOptions(
          lines,
          stationsPerLine,
          seed,
          speedUp,
          countEvery,
          heartbeatEvery,
          mtbf,
          mttr,
          scrapRate,
          localShare);
    }
  }

  private static void requireRange(String key, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(key + " must be in [" + min + ", " + max + "]: " + value);
    }
  }

  private static void requireDuration(String key, Duration value, Duration min, Duration max) {
    Objects.requireNonNull(value, key);
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(key + " must be in [" + min + ", " + max + "]: " + value);
    }
  }

  private static void requireShare(String key, double value, double max) {
    // Written so that NaN fails too.
    if (!(value >= 0 && value <= max)) {
      throw new IllegalArgumentException(key + " must be in [0, " + max + "]: " + value);
    }
  }
}
