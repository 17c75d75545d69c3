package io.gemba.collector.engine;

/**
 * The tags every point of a station carries, {@code site, area, line, station}, as one array that
 * all its points copy from (a station makes about one point per event).
 *
 * @param values the values of {@link #NAMES}, in that order
 */
record StationTags(String[] values) {

  /** The names of the tags every point carries. */
  static final String[] NAMES = {"site", "area", "line", "station"};
}
