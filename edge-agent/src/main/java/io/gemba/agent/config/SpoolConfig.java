package io.gemba.agent.config;

import java.nio.file.Path;
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
 */
public record SpoolConfig(Optional<Path> dir, int maxMegabytes, int segmentMegabytes) {

  public static final int DEFAULT_MAX_MEGABYTES = 1024;
  public static final int DEFAULT_SEGMENT_MEGABYTES = 64;

  /**
   * Builds the spool settings.
   *
   * @throws IllegalArgumentException listing every value out of its range
   */
  public SpoolConfig {
    Objects.requireNonNull(dir, "dir");
    new Violations()
        .check("maxMegabytes", checkMaxMegabytes(maxMegabytes))
        .check("segmentMegabytes", checkSegmentMegabytes(segmentMegabytes))
        .throwIfAny();
  }

  /** No spool. */
  public static SpoolConfig disabled() {
    return new SpoolConfig(Optional.empty(), DEFAULT_MAX_MEGABYTES, DEFAULT_SEGMENT_MEGABYTES);
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
}
