package io.gemba.collector.engine;

import io.gemba.collector.plant.PlantModel;
import io.gemba.collector.plant.SiteConfig;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.Audit5s;
import io.gemba.collector.telemetry.KaizenUpdate;
import io.gemba.collector.telemetry.PartConsumed;
import io.gemba.collector.telemetry.TelemetryEvent;
import io.gemba.collector.telemetry.Topic;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The lean KPIs of one engine: 5S audits, kaizen cards and their effects, local content. They are
 * on event time: the engine's clock is the latest event time it has seen (of any station), by which
 * audits become overdue and a kaizen's days after are over.
 */
final class Lean {

  /** The {@code line} and {@code station} tag of an area's own points. */
  static final String AREA = "_area";

  private static final long DAY_MS = 86_400_000L;
  private static final long HOUR_MS = 3_600_000L;

  private final PlantModel model;
  private final FiveSAudits audits;
  private final KaizenCards kaizens;
  private final LocalContentTally parts;
  private final ShiftHistory history;
  private final Map<String, ZoneId> zones = new HashMap<>();
  private long clockMs = Long.MIN_VALUE;
  private long nextEffectCheckMs = Long.MIN_VALUE;

  Lean(PlantModel model, Function<String, MinuteSlicer> slicers) {
    this.model = model;
    for (SiteConfig site : model.sites()) {
      zones.put(site.id(), site.zone());
    }
    int days = model.lean().kaizenEffectDays();
    this.audits = new FiveSAudits(model.lean().auditCadence().toMillis());
    this.kaizens = new KaizenCards(days, this::zone, this::measuredStation);
    this.parts = new LocalContentTally(model.policy().localContentTarget());
    this.history = new ShiftHistory((2L * days + 2) * DAY_MS, slicers);
  }

  /**
   * The tags of a topic's scope: {@code site, area, line, station}, with {@value #AREA} for an
   * area's line and station and {@value Points#LINE_STATION} for a line's station.
   */
  static String[] scopeTags(Topic topic) {
    if (topic.isWholeArea()) {
      return new String[] {topic.site(), topic.area(), AREA, AREA};
    }
    return new String[] {
      topic.site(),
      topic.area(),
      topic.line(),
      topic.isWholeLine() ? Points.LINE_STATION : topic.station()
    };
  }

  /** The station tag of a line's own points, or an area's. */
  static String lineStation(String line) {
    return AREA.equals(line) ? AREA : Points.LINE_STATION;
  }

  private ZoneId zone(String site) {
    return zones.getOrDefault(site, ZoneOffset.UTC);
  }

  private String measuredStation(String[] tags) {
    if (AREA.equals(tags[3])) {
      return null;
    }
    if (Points.LINE_STATION.equals(tags[3])) {
      return model.outputStation(tags[0], tags[1], tags[2]).orElse(null);
    }
    return tags[3];
  }

  /** The engine's event time moved to {@code ts}, if it is later. */
  void see(long ts) {
    if (ts > clockMs) {
      clockMs = ts;
    }
  }

  /** Takes a part, audit or kaizen update; {@code product} is the part's, if known. */
  Outcome accept(TelemetryEvent event, String product) {
    see(event.ts().toEpochMilli());
    if (event instanceof PartConsumed part) {
      String country = model.site(part.topic().site()).map(SiteConfig::country).orElse(null);
      return parts.add(part, product, country, zone(part.topic().site()))
          ? Outcome.APPLIED
          : Outcome.LATE;
    }
    if (event instanceof Audit5s audit) {
      audits.add(audit);
    } else if (event instanceof KaizenUpdate update) {
      kaizens.add(update);
    } else {
      return Outcome.IGNORED;
    }
    return Outcome.APPLIED;
  }

  /** Reads a point the engine emits, for the history that kaizen effects are measured on. */
  void observe(Point point) {
    history.observe(point);
  }

  /** Writes what changed. */
  void flush(Consumer<Point> emit) {
    parts.flush(zones, emit);
    audits.flush(clockMs, emit);
    if (history.takeChanged() || clockMs >= nextEffectCheckMs) {
      kaizens.historyChanged();
      nextEffectCheckMs = clockMs == Long.MIN_VALUE ? Long.MIN_VALUE : clockMs + HOUR_MS;
    }
    kaizens.flush(clockMs, history, emit);
    history.forgetOld();
  }

  LeanSnapshot snapshot() {
    return new LeanSnapshot(
        clockMs == Long.MIN_VALUE ? null : Instant.ofEpochMilli(clockMs),
        audits.snapshot(clockMs),
        kaizens.groups(),
        kaizens.effects(clockMs, history),
        parts.snapshot());
  }

  /** The state, for a checkpoint: events encoded only as they are read. */
  EngineCheckpoint.LeanState save(Function<TelemetryEvent, EngineCheckpoint.LoggedEvent> encode) {
    List<TelemetryEvent> kept = new ArrayList<>(audits.audits());
    List<TelemetryEvent> updates = new ArrayList<>(kaizens.updates());
    return new EngineCheckpoint.LeanState(
        EngineCheckpoint.orNull(clockMs),
        kept.stream().map(encode).toList(),
        audits.folded(),
        updates.stream().map(encode).toList(),
        kaizens.measured(),
        parts.save(),
        history.save());
  }

  /** Takes over a checkpoint's state, writing nothing. */
  void restore(
      EngineCheckpoint.LeanState saved,
      Function<EngineCheckpoint.LoggedEvent, List<TelemetryEvent>> decode) {
    clockMs = EngineCheckpoint.orNone(saved.clockMs());
    history.restore(saved.shifts());
    parts.restore(saved.parts());
    List<Audit5s> kept = new ArrayList<>();
    for (EngineCheckpoint.LoggedEvent event : saved.audits()) {
      for (TelemetryEvent decoded : decode.apply(event)) {
        kept.add((Audit5s) decoded);
      }
    }
    audits.restore(kept, saved.foldedRedTags(), clockMs);
    List<KaizenUpdate> updates = new ArrayList<>();
    for (EngineCheckpoint.LoggedEvent event : saved.kaizens()) {
      for (TelemetryEvent decoded : decode.apply(event)) {
        updates.add((KaizenUpdate) decoded);
      }
    }
    kaizens.restore(
        updates,
        saved.kaizenEffects() == null ? Map.of() : saved.kaizenEffects(),
        clockMs,
        history);
    history.takeChanged();
  }
}
