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
 */
public record EngineConfig(int instances, Duration tickInterval) {

  public static final int DEFAULT_INSTANCES = 0;
  public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofSeconds(1);

  /**
   * Builds the engine settings.
   *
   * @throws IllegalArgumentException listing every value out of its range
   */
  public EngineConfig {
    Objects.requireNonNull(tickInterval, "tickInterval");
    new Violations()
        .check("instances", checkInstances(instances))
        .check("tickInterval", Checks.positive(tickInterval))
        .throwIfAny();
  }

  /** One instance per processor, a tick every second. */
  public static EngineConfig defaults() {
    return new EngineConfig(DEFAULT_INSTANCES, DEFAULT_TICK_INTERVAL);
  }

  /** The number of instances to start: {@link #instances()}, or the processors if it is 0. */
  public int effectiveInstances() {
    return instances > 0 ? instances : Runtime.getRuntime().availableProcessors();
  }

  static Optional<String> checkInstances(long instances) {
    return Checks.between(instances, 0, 1024);
  }
}
