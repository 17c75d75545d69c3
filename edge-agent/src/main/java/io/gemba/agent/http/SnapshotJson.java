package io.gemba.agent.http;

import io.gemba.collector.engine.DataQuality;
import io.gemba.collector.engine.LineSnapshot;
import io.gemba.collector.engine.StationSnapshot;
import io.gemba.collector.kpi.Kpis;
import io.gemba.collector.kpi.Losses;
import io.gemba.collector.telemetry.MachineState;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The API's JSON of stations and lines (docs/operations.md). Ratios are numbers in [0, 1] or {@code
 * null} while undefined; times are RFC 3339 strings in UTC; durations are seconds.
 */
final class SnapshotJson {

  private SnapshotJson() {}

  static JsonObject station(StationSnapshot s) {
    return new JsonObject()
        .put("site", s.site())
        .put("area", s.area())
        .put("line", s.line())
        .put("station", s.station())
        .put("configured", s.configured())
        .put("lineOutput", s.lineOutput())
        .put("state", s.state() == null ? null : s.state().name())
        .put("reason", s.reason())
        .put("stateSince", time(s.stateSince()))
        .put("silent", s.silentSince() != null)
        .put("silentSince", time(s.silentSince()))
        .put("eventTime", time(s.eventTime()))
        .put("shift", s.shift())
        .put("order", s.order())
        .put("product", s.product())
        .put("kpis", kpis(s.shiftKpis()))
        .put("dataQuality", quality(s.quality()));
  }

  static JsonObject line(LineSnapshot l) {
    JsonObject byState = new JsonObject();
    for (MachineState state : MachineState.values()) { // in the enum's order, every time
      Integer stations = l.stationsByState().get(state);
      if (stations != null) {
        byState.put(state.name(), stations);
      }
    }
    return new JsonObject()
        .put("site", l.site())
        .put("area", l.area())
        .put("line", l.line())
        .put("outputStation", l.outputStation())
        .put("shift", l.shift())
        .put("kpis", kpis(l.shiftKpis()))
        .put("outputSilentSince", time(l.silentSince()))
        .put("stationsByState", byState)
        .put("stationsWithoutState", l.stationsWithoutState());
  }

  private static JsonObject kpis(Kpis k) {
    if (k == null) {
      return null;
    }
    Losses losses = k.losses();
    return new JsonObject()
        .put("policy", k.policy().wireName())
        .put("availability", ratio(k.availability()))
        .put("performance", ratio(k.performance()))
        .put("quality", ratio(k.quality()))
        .put("oee", ratio(k.oee()))
        .put("teep", ratio(k.teep()))
        .put("plannedSeconds", k.plannedMs() / 1000.0)
        .put("runSeconds", k.runMs() / 1000.0)
        .put("stopSeconds", k.stopMs() / 1000.0)
        .put("total", k.totalCount())
        .put("good", k.goodCount())
        .put("failures", k.failures())
        .put("mtbfSeconds", seconds(k.mtbfMs()))
        .put("mttrSeconds", seconds(k.mttrMs()))
        .put(
            "iso22400",
            new JsonObject()
                .put("technicalEfficiency", ratio(k.iso().technicalEfficiency()))
                .put("setupRatio", ratio(k.iso().setupRatio()))
                .put("utilizationEfficiency", ratio(k.iso().utilizationEfficiency()))
                .put("allocationEfficiency", ratio(k.iso().allocationEfficiency()))
                .put("nee", ratio(k.iso().nee()))
                .put("throughputPerHour", ratio(k.iso().throughputPerHour()))
                .put("scrapRatio", ratio(k.iso().scrapRatio())))
        .put(
            "lossesSeconds",
            new JsonObject()
                .put("equipment_failure", seconds(losses.equipmentFailureMs()))
                .put("setup_adjustments", seconds(losses.setupMs()))
                .put("idling_minor_stops", seconds(losses.idlingMinorStopsMs()))
                .put("reduced_speed", seconds(losses.reducedSpeedMs()))
                .put("process_defects", seconds(losses.processDefectsMs()))
                .put("reduced_yield", seconds(losses.reducedYieldMs()))
                .put("no_data", seconds(losses.noDataMs())));
  }

  private static JsonObject quality(DataQuality q) {
    return new JsonObject()
        .put("lateEvents", q.lateEvents())
        .put("duplicates", q.duplicates())
        .put("timeBackwards", q.timeBackwards())
        .put("countsWhileStopped", q.countsWhileStopped())
        .put("counterJumps", q.counterJumps())
        .put("counterResets", q.counterResets())
        .put("unitsWithoutIdealCycleTime", q.unitsWithoutIdeal())
        .put("performanceAboveOne", q.performanceAboveOne());
  }

  static Double ratio(double value) {
    return Double.isFinite(value) ? value : null;
  }

  private static Double seconds(double ms) {
    return Double.isFinite(ms) ? ms / 1000.0 : null;
  }

  static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
