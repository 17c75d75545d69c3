package io.gemba.collector.plant;

import io.gemba.collector.telemetry.StateCodeTable;
import java.util.Objects;

/**
 * What a station that publishes without being configured gets: it is accepted with these values and
 * counted as unconfigured.
 *
 * @param idealCycleTimes the ideal cycle times of every unconfigured station
 * @param stateCodes the state code table of every unconfigured station, and of line and area topics
 */
public record StationDefaults(IdealCycleTimes idealCycleTimes, StateCodeTable stateCodes) {

  private static final StationDefaults STANDARD =
      new StationDefaults(IdealCycleTimes.unknown(), StateCodeTable.packMl());

  /** Builds station defaults. */
  public StationDefaults {
    Objects.requireNonNull(idealCycleTimes, "idealCycleTimes");
    Objects.requireNonNull(stateCodes, "stateCodes");
  }

  /** No ideal cycle time, and the PackML state code table. */
  public static StationDefaults standard() {
    return STANDARD;
  }

  /**
   * The configuration of an unconfigured station named {@code id}.
   *
   * @throws IllegalArgumentException if {@code id} is not a valid station name
   */
  public StationConfig forStation(String id) {
    return new StationConfig(id, idealCycleTimes, stateCodes);
  }
}
