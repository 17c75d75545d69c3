package io.gemba.collector.plant;

import io.gemba.collector.telemetry.StateCodeTable;
import java.util.Objects;

/**
 * A configured station of a line.
 *
 * @param id the station's name in topics, 1 to 64 characters of {@code [A-Za-z0-9_-]}, not {@code
 *     _}
 * @param idealCycleTimes the ideal cycle time per product
 * @param stateCodes the table that maps the PLC's state codes to machine states
 */
public record StationConfig(String id, IdealCycleTimes idealCycleTimes, StateCodeTable stateCodes) {

  /**
   * Builds a station configuration.
   *
   * @throws IllegalArgumentException if the id is not a valid station name
   */
  public StationConfig {
    ConfigChecks.requireIdNotWhole("station", id, "line");
    Objects.requireNonNull(idealCycleTimes, "idealCycleTimes");
    Objects.requireNonNull(stateCodes, "stateCodes");
  }
}
