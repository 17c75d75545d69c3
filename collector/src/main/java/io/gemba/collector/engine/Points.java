package io.gemba.collector.engine;

import io.gemba.collector.kpi.Kpis;
import io.gemba.collector.kpi.Losses;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.MachineState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The points of the InfluxDB schema (design.md, docs/kpis.md) that the engine writes. Times are in
 * seconds as floats; ratios that are undefined (NaN) are left out.
 */
final class Points {

  static final String MACHINE_STATE = "machine_state";
  static final String DOWNTIME = "downtime";
  static final String CYCLE = "cycle";
  static final String PRODUCTION = "production";
  static final String OEE = "oee";
  static final String LOSSES = "losses";
  static final String RELIABILITY = "reliability";

  /** The station tag of a line's own points. */
  static final String LINE_STATION = "_line";

  /** Fields that are sums: a point that no longer exists is corrected by writing them as zero. */
  private static final Set<String> SUM_FIELDS =
      Set.of(
          "total",
          "good",
          "scrap",
          "planned_s",
          "run_s",
          "stop_s",
          "seconds",
          "failures",
          "duration_s");

  private Points() {}

  static Point machineState(
      StationTags tags,
      long tsMs,
      MachineState state,
      String reason,
      Integer code,
      long previousDurationMs) {
    Point.Builder point =
        Point.builder(MACHINE_STATE, Instant.ofEpochMilli(tsMs), 6, 2)
            .tags(StationTags.NAMES, tags.values())
            .tag("state", state.name())
            .tag("reason", reason);
    if (code != null) {
      point.field("code", (long) code);
    }
    return point.field("duration_s", seconds(previousDurationMs)).build();
  }

  static Point downtime(
      StationTags tags, long startMs, MachineState state, String reason, long durationMs) {
    return Point.builder(DOWNTIME, Instant.ofEpochMilli(startMs), 6, 1)
        .tags(StationTags.NAMES, tags.values())
        .tag("reason", reason)
        .tag("state", state.name())
        .field("duration_s", seconds(durationMs))
        .build();
  }

  static Point cycle(StationTags tags, long tsMs, String product, String result, long cycleMs) {
    return Point.builder(CYCLE, Instant.ofEpochMilli(tsMs), 6, 1)
        .tags(StationTags.NAMES, tags.values())
        .tag("product", product)
        .tag("result", result)
        .field("cycle_ms", cycleMs)
        .build();
  }

  static Point production(StationTags tags, long minuteMs, String product, long total, long good) {
    return Point.builder(PRODUCTION, Instant.ofEpochMilli(minuteMs), 5, 3)
        .tags(StationTags.NAMES, tags.values())
        .tag("product", product)
        .field("total", total)
        .field("good", good)
        .field("scrap", total - good)
        .build();
  }

  /**
   * An {@code oee} point. Its sums are always written; its ratios only when {@code withRatios} (the
   * window is final), since a ratio written early could later become undefined, and a write cannot
   * remove a field (ADR 0004).
   */
  static Point oee(
      StationTags tags,
      long tsMs,
      String shift,
      String window,
      String order,
      Kpis kpis,
      boolean withRatios) {
    Point.Builder point =
        Point.builder(OEE, Instant.ofEpochMilli(tsMs), 8, withRatios ? 10 : 5)
            .tags(StationTags.NAMES, tags.values())
            .tag("shift", shift)
            .tag("window", window)
            .tag("order", order)
            .tag("policy", kpis.policy().wireName());
    if (withRatios) {
      point
          .field("availability", kpis.availability())
          .field("performance", kpis.performance())
          .field("quality", kpis.quality())
          .field("oee", kpis.oee());
    }
    point
        .field("planned_s", seconds(kpis.plannedMs()))
        .field("run_s", seconds(kpis.runMs()))
        .field("stop_s", seconds(kpis.stopMs()))
        .field("total", kpis.totalCount())
        .field("good", kpis.goodCount());
    if (withRatios) {
      point.field("teep", kpis.teep());
    }
    return point.build();
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
        Point.builder(LOSSES, Instant.ofEpochMilli(tsMs), 6, 1)
            .tags(StationTags.NAMES, tags.values())
            .tag("shift", shift)
            .tag("loss", loss)
            .field("seconds", ms / 1000.0)
            .build());
  }

  /** A {@code reliability} point; MTBF and MTTR (ratios) only when {@code withRatios}. */
  static Point reliability(
      StationTags tags, long tsMs, String shift, Kpis kpis, boolean withRatios) {
    Point.Builder point =
        Point.builder(RELIABILITY, Instant.ofEpochMilli(tsMs), 5, withRatios ? 3 : 1)
            .tags(StationTags.NAMES, tags.values())
            .tag("shift", shift);
    if (withRatios) {
      point.field("mtbf_s", kpis.mtbfMs() / 1000.0).field("mttr_s", kpis.mttrMs() / 1000.0);
    }
    return point.field("failures", kpis.failures()).build();
  }

  /**
   * The correction of a point that a replay made disappear (its tags changed, say the order of a
   * minute): its sums written as zero, so that sums over time stay right. Its ratios cannot be
   * removed by a write and keep their old values; {@code null} if it has no sum.
   */
  static Point zeroed(Point point) {
    Point.Builder zero = Point.builder(point.measurement(), point.time()).tags(point.tags());
    boolean any = false;
    for (Map.Entry<String, Object> field : point.fields().entrySet()) {
      if (SUM_FIELDS.contains(field.getKey())) {
        any = true;
        if (field.getValue() instanceof Long) {
          zero.field(field.getKey(), 0L);
        } else {
          zero.field(field.getKey(), 0.0);
        }
      }
    }
    return any ? zero.build() : null;
  }

  private static double seconds(long ms) {
    return ms / 1000.0;
  }
}
