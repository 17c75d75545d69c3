package io.gemba.agent.config;

import io.gemba.agent.config.LineKeys.Area;
import io.gemba.agent.config.LineKeys.Line;
import io.gemba.agent.config.LineKeys.StateCode;
import io.gemba.agent.config.LineKeys.Station;
import io.gemba.collector.plant.AreaConfig;
import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.LineConfig;
import io.gemba.collector.plant.StationConfig;
import io.gemba.collector.plant.StationDefaults;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.StateCodeTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the areas of a site, their lines and stations, and {@code plant.stationDefaults} ({@link
 * LineKeys}).
 *
 * <p>A station key left out takes its value from {@code stationDefaults}, which is also what a
 * station gets that publishes without being configured: {@code idealCycleTime} (the ideal cycle
 * time of products not listed), {@code idealCycleTimes} (by product) and {@code stateCodes}.
 */
final class LineSection {

  private LineSection() {}

  /** {@code plant.stationDefaults}: each key defaults to {@link StationDefaults#standard()}. */
  static Optional<StationDefaults> stationDefaults(Section s) {
    int mark = s.mark();
    StationDefaults standard = StationDefaults.standard();
    Optional<IdealCycleTimes> times =
        idealCycleTimes(
            s,
            LineKeys.StationDefaults.IDEAL_CYCLE_TIME,
            LineKeys.StationDefaults.IDEAL_CYCLE_TIMES,
            standard.idealCycleTimes());
    StateCodeTable codes =
        stateCodes(s, LineKeys.StationDefaults.STATE_CODES, standard.stateCodes());
    s.finish();
    return s.build(mark, () -> new StationDefaults(times.get(), codes));
  }

  static Optional<AreaConfig> area(Section s, StationDefaults defaults) {
    int mark = s.mark();
    Optional<String> id = s.read(Area.ID);
    List<LineConfig> lines = new ArrayList<>();
    for (Section line : s.sections(Area.LINES).orElse(List.of())) {
      line(line, defaults).ifPresent(lines::add);
    }
    s.finish();
    return s.build(mark, () -> new AreaConfig(id.get(), lines));
  }

  private static Optional<LineConfig> line(Section s, StationDefaults defaults) {
    int mark = s.mark();
    Optional<String> id = s.read(Line.ID);
    Optional<String> output = s.read(Line.OUTPUT_STATION);
    List<StationConfig> stations = new ArrayList<>();
    for (Section station : s.sections(Line.STATIONS).orElse(List.of())) {
      station(station, defaults).ifPresent(stations::add);
    }
    s.finish();
    return s.build(mark, () -> new LineConfig(id.get(), stations, output.get()));
  }

  private static Optional<StationConfig> station(Section s, StationDefaults defaults) {
    int mark = s.mark();
    Optional<String> id = s.read(Station.ID);
    Optional<IdealCycleTimes> times =
        idealCycleTimes(
            s, Station.IDEAL_CYCLE_TIME, Station.IDEAL_CYCLE_TIMES, defaults.idealCycleTimes());
    StateCodeTable codes = stateCodes(s, Station.STATE_CODES, defaults.stateCodes());
    s.finish();
    return s.build(mark, () -> new StationConfig(id.get(), times.get(), codes));
  }

  /** {@code idealCycleTime} and {@code idealCycleTimes}, each inherited if left out. */
  private static Optional<IdealCycleTimes> idealCycleTimes(
      Section s,
      Key<Duration> defaultKey,
      DataMap<Duration> byProductKey,
      IdealCycleTimes inherited) {
    int mark = s.mark();
    Duration defaultTime = s.read(defaultKey).orElse(inherited.defaultTime());
    Section products = s.dataSection(byProductKey);
    Map<String, Duration> byProduct =
        new HashMap<>(products.present() ? Map.of() : inherited.byProduct());
    if (products.present()) {
      for (String product : products.keys()) {
        Optional<Duration> time = products.read(byProductKey.entry(product));
        Optional<String> badName = Checks.label(product, Parsers.LABEL_LENGTH);
        if (badName.isPresent()) {
          products.problem(product, "a product name " + badName.get());
        } else {
          time.ifPresent(t -> byProduct.put(product, t));
        }
      }
    }
    return s.buildAt(byProductKey, mark, () -> new IdealCycleTimes(defaultTime, byProduct));
  }

  /**
   * {@code stateCodes}: code to state, as {@code 6: RUNNING} or {@code 2: {state: DOWN, reason:
   * jam}}; the inherited table if left out. Problems are noted; the table then is of no use.
   */
  private static StateCodeTable stateCodes(
      Section s, DataMap<MachineState> map, StateCodeTable inherited) {
    Section codes = s.dataSection(map);
    if (!codes.present()) {
      return inherited;
    }
    Map<Integer, StateCodeTable.Entry> entries = new HashMap<>();
    for (String key : codes.keys()) {
      Optional<Integer> code = stateCode(codes, key);
      Optional<StateCodeTable.Entry> entry;
      if (codes.isMapping(key)) {
        Section e = codes.entrySection(key);
        Optional<MachineState> state = e.read(StateCode.STATE);
        Optional<String> reason = e.read(StateCode.REASON);
        e.finish();
        entry = state.map(st -> new StateCodeTable.Entry(st, reason.orElse(null)));
      } else {
        entry = codes.read(map.entry(key)).map(st -> new StateCodeTable.Entry(st, null));
      }
      if (code.isPresent() && entry.isPresent() && entries.put(code.get(), entry.get()) != null) {
        codes.problem(key, "code " + code.get() + " appears more than once");
      }
    }
    return StateCodeTable.of(entries);
  }

  private static Optional<Integer> stateCode(Section codes, String key) {
    try {
      return Optional.of(Integer.parseInt(key.trim()));
    } catch (NumberFormatException e) {
      codes.problem(key, "a state code must be an integer, was " + Checks.quote(key));
      return Optional.empty();
    }
  }
}
