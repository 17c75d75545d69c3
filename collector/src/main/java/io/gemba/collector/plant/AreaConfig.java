package io.gemba.collector.plant;

import java.util.List;
import java.util.Objects;

/**
 * A configured area of a site (body, paint, battery assembly, ...).
 *
 * @param id the area's name in topics, 1 to 64 characters of {@code [A-Za-z0-9_-]}
 * @param lines the lines, with distinct ids; may be empty
 */
public record AreaConfig(String id, List<LineConfig> lines) {

  /**
   * Builds an area configuration; the list is copied.
   *
   * @throws IllegalArgumentException if the id is invalid or two lines have the same id
   */
  public AreaConfig {
    ConfigChecks.requireId("area", id);
    lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
    ConfigChecks.requireUniqueIds("area '" + id + "'", "line", lines, LineConfig::id);
  }
}
