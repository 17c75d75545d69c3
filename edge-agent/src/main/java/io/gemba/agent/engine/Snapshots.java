package io.gemba.agent.engine;

import io.gemba.agent.lines.LineRouter;
import io.gemba.agent.metrics.AgentMetrics;
import io.gemba.collector.engine.KpiEngine;
import io.gemba.collector.engine.LeanSnapshot;
import io.gemba.collector.engine.LineSnapshot;
import io.gemba.collector.engine.QualitySnapshot;
import io.gemba.collector.engine.StationSnapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * What an engine instance shows of its engine between ticks: its stations and the configured lines
 * it owns, for the HTTP API (read from any thread), and the lines' KPIs and the latest event time
 * for the metrics. Refreshed on the instance's context.
 */
final class Snapshots {

  private final int index;
  private final LineRouter router;
  private final AgentMetrics metrics;
  private volatile List<StationSnapshot> stations = List.of();
  private volatile List<LineSnapshot> lines = List.of();
  private volatile List<QualitySnapshot> quality = List.of();
  private volatile LeanSnapshot lean;

  Snapshots(int index, LineRouter router, AgentMetrics metrics) {
    this.index = index;
    this.router = router;
    this.metrics = metrics;
  }

  /** Takes the engine's stations and lines as they are now. */
  void refresh(KpiEngine engine) {
    List<StationSnapshot> owned = engine.stations();
    long latest = Long.MIN_VALUE;
    for (StationSnapshot station : owned) {
      if (station.eventTime() != null) {
        latest = Math.max(latest, station.eventTime().toEpochMilli());
      }
    }
    // The engine knows every configured line; this instance shows only those it owns.
    List<LineSnapshot> ownedLines = new ArrayList<>();
    for (LineSnapshot line : engine.lines()) {
      if (router.instanceOf(line.site(), line.area(), line.line()) == index) {
        ownedLines.add(line);
      }
    }
    stations = List.copyOf(owned);
    lines = List.copyOf(ownedLines);
    quality = List.copyOf(engine.quality());
    lean = engine.lean();
    metrics.lines(ownedLines);
    if (latest != Long.MIN_VALUE) {
      metrics.eventTime(index, latest);
    }
  }

  /** The stations as of the last refresh. Any thread. */
  List<StationSnapshot> stations() {
    return stations;
  }

  /** The battery test quality of its stations, as of the last refresh. Any thread. */
  List<QualitySnapshot> quality() {
    return quality;
  }

  /** Its lean KPIs as of the last refresh, or null before the first. Any thread. */
  LeanSnapshot lean() {
    return lean;
  }

  /** The configured lines this instance owns, as of the last refresh. Any thread. */
  List<LineSnapshot> lines() {
    return lines;
  }
}
