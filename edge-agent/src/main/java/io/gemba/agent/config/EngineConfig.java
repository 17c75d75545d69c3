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
 */
public record EngineConfig(int instances, Duration tickInterval, Duration batchWait) {

  public static final int DEFAULT_INSTANCES = 0;
  public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_BATCH_WAIT = Duration.ofMillis(5);
  public static final Duration MAX_BATCH_WAIT = Duration.ofSeconds(1);

  /**
   * Builds the engine settings.
   *
   * @throws IllegalArgumentException listing every value out of its range
   */
  public EngineConfig {
    Objects.requireNonNull(tickInterval, "tickInterval");
    Objects.requireNonNull(batchWait, "batchWait");
    new Violations()
        .check("instances", checkInstances(instances))
        .check("tickInterval", Checks.positive(tickInterval))
        .check("batchWait", checkBatchWait(batchWait))
        .throwIfAny();
  }

  /** One instance per processor, a tick every second, batches gathered for 5 ms. */
  public static EngineConfig defaults() {
    return new EngineConfig(DEFAULT_INSTANCES, DEFAULT_TICK_INTERVAL, DEFAULT_BATCH_WAIT);
  }

  /** The number of instances to start: {@link #instances()}, or the processors if it is 0. */
  public int effectiveInstances() {
    return instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
  }

  static Optional<String> checkInstances(long instances) {
    return Checks.between(instances, 0, 1024);
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
