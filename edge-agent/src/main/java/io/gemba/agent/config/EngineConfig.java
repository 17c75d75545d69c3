package io.gemba.agent.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the KPI engine runs in the agent.
 *
 * @param instances how many engine instances (Vert.x contexts, each owning a share of the stations)
 *     run, 0 to 1024; 0, the default, means one per available processor
 * @param tickInterval how often the wall clock closes the windows of stations that went silent,
 *     positive, default 1 second
 * @param batchWait how long an instance waits, after a message comes to it, for more to apply them
 *     in one batch, 0 to 1 second, default 5 ms; 0 applies every message at once
 * @param snapshotInterval how often each instance refreshes what the HTTP API and the {@code
 *     gemba_line_*} gauges show, 100 ms to 1 hour, default 1 second
 * @param maxUnconfiguredStations how many stations that the plant configuration does not name the
 *     agent takes, shared equally among its instances, 0 to 1,000,000, default 5,000; messages of a
 *     further one are rejected as {@code too_many_stations}
 */
public record EngineConfig(
    int instances,
    Duration tickInterval,
    Duration batchWait,
    Duration snapshotInterval,
    int maxUnconfiguredStations) {

  public static final int DEFAULT_INSTANCES = 0;
  public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_BATCH_WAIT = Duration.ofMillis(5);
  public static final Duration MAX_BATCH_WAIT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_SNAPSHOT_INTERVAL = Duration.ofSeconds(1);
  private static final Duration MIN_SNAPSHOT_INTERVAL = Duration.ofMillis(100);
  private static final Duration MAX_SNAPSHOT_INTERVAL = Duration.ofHours(1);
  public static final int DEFAULT_MAX_UNCONFIGURED_STATIONS = 5_000;
  private static final int MAX_MAX_UNCONFIGURED_STATIONS = 1_000_000;

  /**
   * Builds the engine settings.
   *
   * @throws IllegalArgumentException listing every value out of its range
   */
  public EngineConfig {
    Objects.requireNonNull(tickInterval, "tickInterval");
    Objects.requireNonNull(batchWait, "batchWait");
    Objects.requireNonNull(snapshotInterval, "snapshotInterval");
    new Violations()
        .check("instances", checkInstances(instances))
        .check("tickInterval", Checks.positive(tickInterval))
        .check("batchWait", checkBatchWait(batchWait))
        .check("snapshotInterval", checkSnapshotInterval(snapshotInterval))
        .check("maxUnconfiguredStations", checkMaxUnconfiguredStations(maxUnconfiguredStations))
        .throwIfAny();
  }

  /** These settings, with snapshots refreshed every second and the default station bound. */
  public EngineConfig(int instances, Duration tickInterval, Duration batchWait) {
    this(
        instances,
        tickInterval,
        batchWait,
        DEFAULT_SNAPSHOT_INTERVAL,
        DEFAULT_MAX_UNCONFIGURED_STATIONS);
  }

  /**
   * One instance per processor, a tick every second, batches gathered for 5 ms, snapshots every
   * second.
   */
  public static EngineConfig defaults() {
    return new EngineConfig(DEFAULT_INSTANCES, DEFAULT_TICK_INTERVAL, DEFAULT_BATCH_WAIT);
  }

  /** The number of instances to start: {@link #instances()}, or the processors if it is 0. */
  public int effectiveInstances() {
    return instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
  }

  /**
   * Each instance's share of {@link #maxUnconfiguredStations}, rounded up, of {@code instances}
   * instances.
   */
  public int maxUnconfiguredStationsPerInstance(int instances) {
    return (int) ((maxUnconfiguredStations + (long) instances - 1) / instances);
  }

  static Optional<String> checkMaxUnconfiguredStations(long value) {
    return Checks.between(value, 0, MAX_MAX_UNCONFIGURED_STATIONS);
  }

  static Optional<String> checkInstances(long instances) {
    return Checks.between(instances, 0, 1024);
  }

  static Optional<String> checkSnapshotInterval(Duration value) {
    return value.compareTo(MIN_SNAPSHOT_INTERVAL) < 0 || value.compareTo(MAX_SNAPSHOT_INTERVAL) > 0
        ? Optional.of("must be between 100ms and 1h, was " + Durations.format(value))
        : Optional.empty();
  }

  static Optional<String> checkBatchWait(Duration batchWait) {
    return batchWait.compareTo(MAX_BATCH_WAIT) > 0
        ? Optional.of(
            "must be at most "
                + Durations.format(MAX_BATCH_WAIT)
                + ", was "
                + Durations.format(batchWait))
        : Optional.empty();
  }
}
