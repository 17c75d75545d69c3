package io.gemba.agent.config;

import io.gemba.collector.telemetry.MachineState;
import java.time.Duration;

/**
 * The keys of the areas, lines and stations of a site, and of {@code plant.stationDefaults}, read
 * by {@link LineSection}. A station key left out takes its value from {@code stationDefaults}.
 */
final class LineKeys {

  private LineKeys() {}

  /** {@code plant.stationDefaults}: what stations get that are not configured. */
  static final class StationDefaults {

    static final Key<Duration> IDEAL_CYCLE_TIME =
        idealCycleTime(
            "none (no performance computed)",
            "ideal cycle time of products not in `idealCycleTimes`");
    static final DataMap<Duration> IDEAL_CYCLE_TIMES =
        idealCycleTimes("empty", "ideal cycle time per product");
    static final DataMap<MachineState> STATE_CODES =
        stateCodes("PackML table", "PLC state codes, as for a station");

    static final Keys KEYS = Keys.of(IDEAL_CYCLE_TIME, IDEAL_CYCLE_TIMES, STATE_CODES);

    private StationDefaults() {}
  }

  /** {@code plant.sites[<i>].areas[<j>]}. */
  static final class Area {

    static final Key<String> ID = Key.required("id", Types.ID, "the area level of the topics");
    static final Nested LINES =
        Nested.list("lines", "k", true, "list of lines", "the area's lines", Line.KEYS);

    static final Keys KEYS = Keys.of(ID, LINES);

    private Area() {}
  }

  /** {@code plant.sites[<i>].areas[<j>].lines[<k>]}. */
  static final class Line {

    static final Key<String> ID = Key.required("id", Types.LINE_ID, "the line level of the topics");
    static final Key<String> OUTPUT_STATION =
        Key.required("outputStation", Types.LINE_ID, "the station whose production is the line's");
    static final Nested STATIONS =
        Nested.list(
            "stations",
            "m",
            true,
            "list of stations, at least one",
            "the line's stations",
            Station.KEYS);

    static final Keys KEYS = Keys.of(ID, OUTPUT_STATION, STATIONS);

    private Line() {}
  }

  /** {@code plant.sites[<i>].areas[<j>].lines[<k>].stations[<m>]}. */
  static final class Station {

    static final Key<String> ID =
        Key.required("id", Types.LINE_ID, "the station level of the topics");
    static final Key<Duration> IDEAL_CYCLE_TIME =
        idealCycleTime(
            "`stationDefaults.idealCycleTime`",
            "the fastest the station makes one part, for products not in `idealCycleTimes`");
    static final DataMap<Duration> IDEAL_CYCLE_TIMES =
        idealCycleTimes("`stationDefaults.idealCycleTimes`", "per product");
    static final DataMap<MachineState> STATE_CODES =
        stateCodes(
            "`stationDefaults.stateCodes` (PackML)",
            "how the PLC's numeric state codes map to states");

    static final Keys KEYS = Keys.of(ID, IDEAL_CYCLE_TIME, IDEAL_CYCLE_TIMES, STATE_CODES);

    private Station() {}
  }

  /** A state code written as a mapping: {@code 2: {state: DOWN, reason: jam}}. */
  static final class StateCode {

    static final Key<MachineState> STATE =
        Key.required("state", Types.MACHINE_STATE, "the state the code means");
    static final Key<String> REASON =
        Key.optional("reason", Types.REASON, "none", "reported with the state");

    static final Keys KEYS = Keys.of(STATE, REASON);

    private StateCode() {}
  }

  /** The ideal cycle time of products not in {@code idealCycleTimes}. */
  private static Key<Duration> idealCycleTime(String whenAbsent, String doc) {
    return Key.optional("idealCycleTime", Types.POSITIVE_DURATION, whenAbsent, doc);
  }

  /** Product to ideal cycle time; a product left without a time is left out. */
  private static DataMap<Duration> idealCycleTimes(String whenAbsent, String doc) {
    return new DataMap<>(
        "idealCycleTimes",
        "product",
        Types.POSITIVE_DURATION,
        false,
        "map product → duration",
        whenAbsent,
        doc,
        Keys.none());
  }

  /** Code to state, as {@code 6: RUNNING}, or to a {@link StateCode} mapping. */
  private static DataMap<MachineState> stateCodes(String whenAbsent, String doc) {
    return new DataMap<>(
        "stateCodes",
        "code",
        Types.MACHINE_STATE,
        true,
        "map code → state",
        whenAbsent,
        doc,
        StateCode.KEYS);
  }
}
