package io.gemba.collector.engine;

import io.gemba.collector.kpi.Kpis;
import io.gemba.collector.kpi.Losses;
import io.gemba.collector.kpi.MicroStopPolicy;
import io.gemba.collector.kpi.ProductionSums;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.MachineState;
import java.util.List;
import java.util.Map;

/**
 * The points of the InfluxDB schema ("Points written" in docs/kpis.md) that the engine writes.
 * Times are in seconds as floats; ratios that are undefined (NaN) are left out.
 */
final class Points {

  static final String MACHINE_STATE = "machine_state";
  static final String DOWNTIME = "downtime";
  static final String CYCLE = "cycle";
  static final String PRODUCTION = "production";
  static final String OEE = "oee";
  static final String LOSSES = "losses";
  static final String RELIABILITY = "reliability";

  /** The {@code window} tag of a minute's {@code oee} point. */
  static final String MINUTE_WINDOW = "1m";

  /** The station tag of a line's own points. */
  static final String LINE_STATION = "_line";

  private static final Point.Layout MACHINE_STATE_POINT =
      stationLayout(MACHINE_STATE, "state", "reason")
          .longFields("code")
          .doubleFields("duration_s")
          .build();
  private static final Point.Layout DOWNTIME_POINT =
      stationLayout(DOWNTIME, "reason", "state").doubleFields("duration_s").build();
  private static final Point.Layout CYCLE_POINT =
      stationLayout(CYCLE, "product", "result").longFields("cycle_ms").build();
  private static final Point.Layout PRODUCTION_POINT =
      stationLayout(PRODUCTION, "product").longFields("total", "good", "scrap").build();
  private static final Point.Layout OEE_POINT =
      stationLayout(OEE, "shift", "window", "order", "policy")
          .doubleFields("availability", "performance", "quality", "oee")
          .doubleFields("planned_s", "run_s", "stop_s")
          .longFields("total", "good")
          .doubleFields("teep")
          .doubleFields(
              "technical_efficiency",
              "setup_ratio",
              "utilization_efficiency",
              "allocation_efficiency",
              "nee",
              "throughput_per_hour",
              "scrap_ratio")
          .build();
  private static final Point.Layout LOSSES_POINT =
      stationLayout(LOSSES, "shift", "loss").doubleFields("seconds").build();
  private static final Point.Layout RELIABILITY_POINT =
      stationLayout(RELIABILITY, "shift")
          .doubleFields("mtbf_s", "mttr_s")
          .longFields("failures")
          .build();

  private Points() {}

  private static Point.Layout.Builder stationLayout(String measurement, String... tags) {
    return Point.layout(measurement).tags(StationTags.NAMES).tags(tags);
  }

  static Point machineState(
      StationTags tags,
      long tsMs,
      MachineState state,
      String reason,
      Integer code,
      long previousDurationMs) {
    Point.Values point =
        MACHINE_STATE_POINT.point(tsMs).tags(tags.values()).tag(state.name()).tag(reason);
    if (code != null) {
      point.field((long) code);
    } else {
      point.skip();
    }
    return point.field(seconds(previousDurationMs)).build();
  }

  static Point downtime(
      StationTags tags, long startMs, MachineState state, String reason, long durationMs) {
    return DOWNTIME_POINT
        .point(startMs)
        .tags(tags.values())
        .tag(reason)
        .tag(state.name())
        .field(seconds(durationMs))
        .build();
  }

  static Point cycle(StationTags tags, long tsMs, String product, String result, long cycleMs) {
    return CYCLE_POINT
        .point(tsMs)
        .tags(tags.values())
        .tag(product)
        .tag(result)
        .field(cycleMs)
        .build();
  }

  static Point production(StationTags tags, long minuteMs, String product, long total, long good) {
    return PRODUCTION_POINT
        .point(minuteMs)
        .tags(tags.values())
        .tag(product)
        .field(total)
        .field(good)
        .field(total - good)
        .build();
  }

  /** An {@code oee} point of a final window: its sums and its ratios. */
  static Point oee(
      StationTags tags, long tsMs, String shift, String window, String order, Kpis kpis) {
    Point.Values point =
        oeeTags(tags, tsMs, shift, window, order, kpis.policy())
            .field(kpis.availability())
            .field(kpis.performance())
            .field(kpis.quality())
            .field(kpis.oee())
            .field(seconds(kpis.plannedMs()))
            .field(seconds(kpis.runMs()))
            .field(seconds(kpis.stopMs()))
            .field(kpis.totalCount())
            .field(kpis.goodCount())
            .field(kpis.teep());
    if (window.equals(MINUTE_WINDOW)) {
      // ISO 22400-2 defines these over production periods: the shift and the order.
      return point.skip().skip().skip().skip().skip().skip().skip().build();
    }
    return point
        .field(kpis.iso().technicalEfficiency())
        .field(kpis.iso().setupRatio())
        .field(kpis.iso().utilizationEfficiency())
        .field(kpis.iso().allocationEfficiency())
        .field(kpis.iso().nee())
        .field(kpis.iso().throughputPerHour())
        .field(kpis.iso().scrapRatio())
        .build();
  }

  /**
   * An {@code oee} point of a window that can still change: its sums only, since a ratio written
   * early could later become undefined, and a write cannot remove a field (ADR 0004).
   */
  static Point oeeSums(
      StationTags tags,
      long tsMs,
      String shift,
      String window,
      String order,
      MicroStopPolicy policy,
      ProductionSums sums,
      long stopMs) {
    return oeeTags(tags, tsMs, shift, window, order, policy)
        .skip()
        .skip()
        .skip()
        .skip()
        .field(seconds(sums.plannedMs()))
        .field(seconds(sums.plannedMs() - stopMs))
        .field(seconds(stopMs))
        .field(sums.totalCount())
        .field(sums.goodCount())
        .skip()
        .skip()
        .skip()
        .skip()
        .skip()
        .skip()
        .skip()
        .skip()
        .build();
  }

  private static Point.Values oeeTags(
      StationTags tags,
      long tsMs,
      String shift,
      String window,
      String order,
      MicroStopPolicy policy) {
    return OEE_POINT
        .point(tsMs)
        .tags(tags.values())
        .tag(shift)
        .tag(window)
        .tag(order)
        .tag(policy.wireName());
  }

  static void losses(StationTags tags, long tsMs, String shift, Losses losses, List<Point> out) {
    loss(tags, tsMs, shift, "equipment_failure", losses.equipmentFailureMs(), out);
    loss(tags, tsMs, shift, "setup_adjustments", losses.setupMs(), out);
    loss(tags, tsMs, shift, "idling_minor_stops", losses.idlingMinorStopsMs(), out);
    loss(tags, tsMs, shift, "reduced_speed", losses.reducedSpeedMs(), out);
    loss(tags, tsMs, shift, "process_defects", losses.processDefectsMs(), out);
    loss(tags, tsMs, shift, "reduced_yield", losses.reducedYieldMs(), out);
    loss(tags, tsMs, shift, "no_data", losses.noDataMs(), out);
  }

  private static void loss(
      StationTags tags, long tsMs, String shift, String loss, double ms, List<Point> out) {
    if (Double.isNaN(ms)) {
      return;
    }
    out.add(
        LOSSES_POINT
            .point(tsMs)
            .tags(tags.values())
            .tag(shift)
            .tag(loss)
            .field(ms / 1000.0)
            .build());
  }

  /** A {@code reliability} point of a final window. */
  static Point reliability(StationTags tags, long tsMs, String shift, Kpis kpis) {
    return RELIABILITY_POINT
        .point(tsMs)
        .tags(tags.values())
        .tag(shift)
        .field(kpis.mtbfMs() / 1000.0)
        .field(kpis.mttrMs() / 1000.0)
        .field(kpis.failures())
        .build();
  }

  /**
   * The correction of a point that a correction made disappear (its tags changed, say the order of
   * a minute or the product of a cycle): every numeric field of it written as zero, so that sums
   * over time stay right and no ratio keeps a value that no longer holds (a write cannot remove a
   * point); a point whose numeric fields are all zero is a retraction. {@code null} if it has none.
   */
  static Point zeroed(Point point) {
    Point.Builder zero = Point.builder(point.measurement(), point.time()).tags(point.tags());
    boolean any = false;
    for (Map.Entry<String, Object> field : point.fields().entrySet()) {
      if (field.getValue() instanceof Long) {
        zero.field(field.getKey(), 0L);
        any = true;
      } else if (field.getValue() instanceof Double) {
        zero.field(field.getKey(), 0.0);
        any = true;
      }
    }
    return any ? zero.build() : null;
  }

  /**
   * {@code after}, with zero for each numeric field that {@code before} (the same point, written
   * earlier) has and it has not: a write cannot remove a field, and a ratio that became undefined
   * (a minute that a backfill shows stopped has no performance) must not keep its old value.
   */
  static Point withGoneFieldsZero(Point before, Point after) {
    if (after.hasFieldsOf(before)) {
      return after; // the common case, without a map of either's fields
    }
    Map<String, Object> now = after.fields();
    Point.Builder point = null;
    for (Map.Entry<String, Object> field : before.fields().entrySet()) {
      Object value = field.getValue();
      if (now.containsKey(field.getKey()) || !(value instanceof Number)) {
        continue;
      }
      if (point == null) {
        point = Point.builder(after.measurement(), after.time()).tags(after.tags());
        for (Map.Entry<String, Object> kept : now.entrySet()) {
          put(point, kept.getKey(), kept.getValue());
        }
      }
      put(point, field.getKey(), value instanceof Long ? (Object) 0L : (Object) 0.0);
    }
    return point == null ? after : point.build();
  }

  private static void put(Point.Builder point, String name, Object value) {
    if (value instanceof Long l) {
      point.field(name, l);
    } else if (value instanceof Double d) {
      point.field(name, d);
    } else if (value instanceof Boolean b) {
      point.field(name, b);
    } else {
      point.field(name, value.toString());
    }
  }

  private static double seconds(long ms) {
    return ms / 1000.0;
  }
}
