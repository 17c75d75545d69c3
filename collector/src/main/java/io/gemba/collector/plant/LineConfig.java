package io.gemba.collector.plant;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A configured line: its stations, and the output station whose production is the line's
 * production.
 *
 * @param id the line's name in topics, 1 to 64 characters of {@code [A-Za-z0-9_-]}, not {@code _}
 * @param stations the stations, at least one, with distinct ids
 * @param outputStation the id of one of {@code stations}
 */
public record LineConfig(String id, List<StationConfig> stations, String outputStation) {

  /**
   * Builds a line configuration; the list is copied.
   *
   * @throws IllegalArgumentException if the id is invalid, there is no station, two stations have
   *     the same id, or the output station is not one of them
   */
  public LineConfig {
    ConfigChecks.requireIdNotWhole("line", id, "area");
    stations = List.copyOf(Objects.requireNonNull(stations, "stations"));
    Objects.requireNonNull(outputStation, "outputStation");
    if (stations.isEmpty()) {
      throw new IllegalArgumentException("line '" + id + "' must have at least one station");
    }
    ConfigChecks.requireUniqueIds("line '" + id + "'", "station", stations, StationConfig::id);
    if (stations.stream().noneMatch(s -> s.id().equals(outputStation))) {
      throw new IllegalArgumentException(
          "line '" + id + "': output station '" + outputStation + "' is not one of its stations");
    }
  }

  /** The station with this id, if the line has it. */
  public Optional<StationConfig> station(String stationId) {
    for (StationConfig station : stations) {
      if (station.id().equals(stationId)) {
        return Optional.of(station);
      }
    }
    return Optional.empty();
  }
}
