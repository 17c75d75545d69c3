package io.gemba.collector.engine;

import io.gemba.collector.plant.AreaConfig;
import io.gemba.collector.plant.IdealCycleTimes;
import io.gemba.collector.plant.KpiPolicy;
import io.gemba.collector.plant.LeanPolicy;
import io.gemba.collector.plant.LineConfig;
import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.plant.QualityPolicy;
import io.gemba.collector.plant.ShiftCalendar;
import io.gemba.collector.plant.ShiftDefinition;
import io.gemba.collector.plant.SiteConfig;
import io.gemba.collector.plant.StationConfig;
import io.gemba.collector.plant.StationDefaults;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.BatteryTest;
import io.gemba.collector.telemetry.Channel;
import io.gemba.collector.telemetry.CounterReading;
import io.gemba.collector.telemetry.CycleCompleted;
import io.gemba.collector.telemetry.Envelope;
import io.gemba.collector.telemetry.Heartbeat;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.OrderEvent;
import io.gemba.collector.telemetry.StateChange;
import io.gemba.collector.telemetry.StateCodeTable;
import io.gemba.collector.telemetry.TelemetryEvent;
import io.gemba.collector.telemetry.Topic;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One plant for engine tests: site {@code plant} in {@code zone} with the given shifts, area {@code
 * assembly}, line {@code line-1} whose stations are given, the last one being the output station.
 * Events are made at local times of the site; the points the engine emits are kept, and {@link
 * #stored()} merges them the way InfluxDB does (same series and time: later fields win).
 */
final class EngineHarness {

  static final String SITE = "plant";
  static final String AREA = "assembly";
  static final String LINE = "line-1";

  final ZoneId zone;
  final PlantModel model;
  final List<Point> emitted = new ArrayList<>();
  final KpiEngine engine;
  private long seq;

  EngineHarness(
      ZoneId zone, List<ShiftDefinition> shifts, KpiPolicy policy, StationConfig... stations) {
    this(zone, shifts, policy, QualityPolicy.defaults(), stations);
  }

  /** A plant whose battery tests are judged and charted by {@code quality}. */
  EngineHarness(
      ZoneId zone,
      List<ShiftDefinition> shifts,
      KpiPolicy policy,
      QualityPolicy quality,
      StationConfig... stations) {
    this(zone, shifts, policy, quality, LeanPolicy.defaults(), stations);
  }

  /** A plant with battery test and lean settings of its own. */
  EngineHarness(
      ZoneId zone,
      List<ShiftDefinition> shifts,
      KpiPolicy policy,
      QualityPolicy quality,
      LeanPolicy lean,
      StationConfig... stations) {
    this.zone = zone;
    LineConfig line = new LineConfig(LINE, List.of(stations), stations[stations.length - 1].id());
    SiteConfig site =
        new SiteConfig(
            SITE,
            "DE",
            zone,
            new ShiftCalendar(zone, shifts, Set.of()),
            List.of(new AreaConfig(AREA, List.of(line))));
    this.model = new PlantModel(List.of(site), policy, StationDefaults.standard(), quality, lean);
    this.engine = new KpiEngine(model, emitted::add);
  }

  static StationConfig station(String id, IdealCycleTimes ideal) {
    return new StationConfig(id, ideal, StateCodeTable.packMl());
  }

  Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
  }

  Envelope envelope(String station, Channel channel, String localDateTime) {
    return new Envelope(
        new Topic(SITE, AREA, LINE, station, channel), at(localDateTime), false, seq++);
  }

  StateChange state(String station, String at, MachineState state, String reason) {
    return new StateChange(envelope(station, Channel.STATE, at), state, reason, null);
  }

  StateChange state(String station, String at, MachineState state) {
    return state(station, at, state, null);
  }

  CounterReading count(String station, String at, long total, long good) {
    return new CounterReading(envelope(station, Channel.COUNT, at), total, good, null);
  }

  CycleCompleted cycle(String station, String at, boolean ok, String product) {
    return new CycleCompleted(
        envelope(station, Channel.CYCLE, at),
        55_000,
        ok ? CycleCompleted.Result.OK : CycleCompleted.Result.NOK,
        product,
        null);
  }

  /**
   * A battery test of {@code serial}, with its measurements as name, value, name, value, ...; its
   * station's verdict {@code result} may be null.
   */
  BatteryTest test(
      String station,
      String at,
      String serial,
      String product,
      boolean retest,
      BatteryTest.Verdict result,
      Object... measurements) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < measurements.length; i += 2) {
      values.put((String) measurements[i], ((Number) measurements[i + 1]).doubleValue());
    }
    return new BatteryTest(
        envelope(station, Channel.BATTERY, at), serial, product, retest, result, values);
  }

  OrderEvent orderStart(String station, String at, String order, String product) {
    return new OrderEvent(
        envelope(station, Channel.ORDER, at), OrderEvent.Kind.START, order, product, null, null);
  }

  OrderEvent orderEnd(String station, String at, String order) {
    return new OrderEvent(
        envelope(station, Channel.ORDER, at), OrderEvent.Kind.END, order, null, null, null);
  }

  /** An envelope at an instant, for times a local time cannot name (the repeated hour). */
  Envelope envelope(String station, Channel channel, Instant at) {
    return new Envelope(new Topic(SITE, AREA, LINE, station, channel), at, false, seq++);
  }

  StateChange state(String station, Instant at, MachineState state, String reason) {
    return new StateChange(envelope(station, Channel.STATE, at), state, reason, null);
  }

  Heartbeat heartbeat(String station, String at) {
    return new Heartbeat(envelope(station, Channel.HEARTBEAT, at), "gw-1");
  }

  /** An order start whose ideal cycle time is the order's own. */
  OrderEvent orderStart(
      String station, String at, String order, String product, long idealCycleMs) {
    return new OrderEvent(
        envelope(station, Channel.ORDER, at),
        OrderEvent.Kind.START,
        order,
        product,
        null,
        idealCycleMs);
  }

  /** An order start for the whole line (station {@code _}). */
  OrderEvent lineOrderStart(String at, String order, String product) {
    return orderStart(Topic.WHOLE, at, order, product);
  }

  /** An order end for the whole line (station {@code _}). */
  OrderEvent lineOrderEnd(String at, String order) {
    return orderEnd(Topic.WHOLE, at, order);
  }

  void feed(TelemetryEvent... events) {
    for (TelemetryEvent event : events) {
      engine.accept(event);
    }
  }

  void tick(String localDateTime) {
    engine.tick(at(localDateTime));
  }

  /**
   * Moves the event time of every station seen to {@code localDateTime} with a heartbeat from each
   * (a station's time is its own: only its messages move it), so that its watermark is that time
   * less the allowed lateness.
   */
  void timeMovesOn(String localDateTime) {
    for (StationSnapshot station : engine.stations()) {
      feed(heartbeat(station.station(), localDateTime));
    }
  }

  /** What InfluxDB holds after all writes: per series and time, the last value of each field. */
  Map<String, Map<String, Object>> stored() {
    return store(emitted);
  }

  /**
   * What a reader of {@code stored} sees: without the points whose every field is zero (a point
   * written early that a later event made disappear is retracted so; whether it was ever written
   * depends on timing), and without the ratios written as zero where they are undefined (a
   * correction cannot remove a field): performance without run time, quality without units,
   * availability, OEE and TEEP without planned time.
   */
  static Map<String, Map<String, Object>> asRead(Map<String, Map<String, Object>> stored) {
    Map<String, Map<String, Object>> read = new LinkedHashMap<>();
    stored.forEach(
        (series, fields) -> {
          if (fields.values().stream().allMatch(v -> v.equals(0L) || v.equals(0.0))) {
            return;
          }
          Map<String, Object> kept = new LinkedHashMap<>(fields);
          undefinedIfZero(kept, "performance", "run_s");
          undefinedIfZero(kept, "quality", "total");
          undefinedIfZero(kept, "availability", "planned_s");
          undefinedIfZero(kept, "oee", "planned_s");
          // TEEP's base is calendar time, not a field; it is zero only where planned time is.
          undefinedIfZero(kept, "teep", "planned_s");
          // The ISO 22400-2 set of shifts and orders, likewise.
          undefinedIfZero(kept, "setup_ratio", "run_s");
          undefinedIfZero(kept, "technical_efficiency", "run_s");
          undefinedIfZero(kept, "utilization_efficiency", "run_s");
          undefinedIfZero(kept, "nee", "run_s");
          undefinedIfZero(kept, "nee", "total");
          undefinedIfZero(kept, "allocation_efficiency", "planned_s");
          undefinedIfZero(kept, "throughput_per_hour", "planned_s");
          undefinedIfZero(kept, "scrap_ratio", "total");
          read.put(series, kept);
        });
    return read;
  }

  private static void undefinedIfZero(Map<String, Object> fields, String ratio, String base) {
    Object denominator = fields.get(base);
    if (Double.valueOf(0.0).equals(fields.get(ratio))
        && (Long.valueOf(0).equals(denominator) || Double.valueOf(0.0).equals(denominator))) {
      fields.remove(ratio);
    }
  }

  static Map<String, Map<String, Object>> store(List<Point> points) {
    Map<String, Map<String, Object>> stored = new LinkedHashMap<>();
    for (Point point : points) {
      stored
          .computeIfAbsent(point.series() + " @" + point.time(), k -> new LinkedHashMap<>())
          .putAll(point.fields());
    }
    return stored;
  }

  /**
   * How two stored views differ, one line per series and time (at most {@code limit} lines): for
   * readable failures of {@code stored()} comparisons. Empty if they are equal.
   */
  static List<String> diff(
      Map<String, Map<String, Object>> expected,
      Map<String, Map<String, Object>> actual,
      int limit) {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> e : expected.entrySet()) {
      Map<String, Object> other = actual.get(e.getKey());
      if (other == null) {
        lines.add("missing " + e.getKey() + " " + e.getValue());
      } else if (!other.equals(e.getValue())) {
        lines.add("differs " + e.getKey() + " expected " + e.getValue() + " but " + other);
      }
    }
    for (Map.Entry<String, Map<String, Object>> e : actual.entrySet()) {
      if (!expected.containsKey(e.getKey())) {
        lines.add("extra   " + e.getKey() + " " + e.getValue());
      }
    }
    return lines.size() > limit ? lines.subList(0, limit) : lines;
  }

  /**
   * The fields stored for the one point of {@code measurement} at {@code localTime} whose tags
   * include {@code tags} (name, value, name, value, ...).
   */
  Map<String, Object> point(String measurement, String localTime, String... tags) {
    Instant time = at(localTime);
    List<Point> found =
        points(measurement, tags).stream().filter(p -> p.time().equals(time)).toList();
    if (found.size() != 1) {
      throw new AssertionError(
          found.size()
              + " "
              + measurement
              + " points at "
              + localTime
              + " with tags "
              + List.of(tags)
              + ": "
              + found);
    }
    return found.get(0).fields();
  }

  /** The points of one measurement with these tags, as stored. */
  List<Point> points(String measurement, String... tags) {
    Map<String, String> wanted = new LinkedHashMap<>();
    for (int i = 0; i < tags.length; i += 2) {
      wanted.put(tags[i], tags[i + 1]);
    }
    Map<String, Point> latest = new LinkedHashMap<>();
    for (Point point : emitted) {
      if (point.measurement().equals(measurement)
          && point.tags().entrySet().containsAll(wanted.entrySet())) {
        String key = point.series() + " @" + point.time();
        Point before = latest.get(key);
        if (before == null) {
          latest.put(key, point);
        } else {
          Map<String, Object> fields = new LinkedHashMap<>(before.fields());
          fields.putAll(point.fields());
          latest.put(key, new Point(measurement, point.tags(), fields, point.time()));
        }
      }
    }
    return new ArrayList<>(latest.values());
  }
}
