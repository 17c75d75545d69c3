package io.gemba.agent.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The spool on disk between the engines and InfluxDB (ADR 0006).
 *
 * @param dir where each engine instance keeps its log ({@code group-N/}); none: no spool, points
 *     wait in memory ({@code influx.maxPendingPoints})
 * @param maxMegabytes the most the logs may hold together, 1 to 1,048,576, default 1024; when an
 *     instance's share is full it takes and acknowledges no more messages until points are written
 * @param segmentMegabytes the size of a log's files, 1 to 1024, default 64
 * @param checkpointInterval how often each engine instance saves its state, 1 s to 1 h, default 1
 *     min; also when its log has grown by a quarter of its share since the last one. A restart
 *     applies again what came after the last checkpoint.
 */
public record SpoolConfig(
    Optional<Path> dir, int maxMegabytes, int segmentMegabytes, Duration checkpointInterval) {

  public static final int DEFAULT_MAX_MEGABYTES = 1024;
  public static final int DEFAULT_SEGMENT_MEGABYTES = 64;
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofMinutes(1);
  private static final Duration MIN_CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
  private static final Duration MAX_CHECKPOINT_INTERVAL = Duration.ofHours(1);

  /**
   * Builds the spool settings.
   *
   * @throws IllegalArgumentException listing every value out of its range
   */
  public SpoolConfig {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    new Violations()
        .check("maxMegabytes", checkMaxMegabytes(maxMegabytes))
        .check("segmentMegabytes", checkSegmentMegabytes(segmentMegabytes))
        .check("checkpointInterval", checkCheckpointInterval(checkpointInterval))
        .throwIfAny();
  }

  /** No spool. */
  public static SpoolConfig disabled() {
    return new SpoolConfig(
        Optional.empty(),
        DEFAULT_MAX_MEGABYTES,
        DEFAULT_SEGMENT_MEGABYTES,
        DEFAULT_CHECKPOINT_INTERVAL);
  }

  /** Whether a spool is configured. */
  public boolean enabled() {
    return dir.isPresent();
  }

  static Optional<String> checkMaxMegabytes(long value) {
    return Checks.between(value, 1, 1 << 20);
  }

  static Optional<String> checkSegmentMegabytes(long value) {
    return Checks.between(value, 1, 1024);
  }

  static Optional<String> checkCheckpointInterval(Duration value) {
    return value.compareTo(MIN_CHECKPOINT_INTERVAL) < 0
            || value.compareTo(MAX_CHECKPOINT_INTERVAL) > 0
        ? Optional.of("must be between 1s and 1h, was " + Durations.format(value))
        : Optional.empty();
  }
}
