package io.gemba.collector.engine;

import static io.gemba.collector.engine.MinuteBucket.MINUTE_MS;
import static io.gemba.collector.engine.MinuteBucket.floorMinute;
import static io.gemba.collector.engine.StationCore.NONE;

import io.gemba.collector.kpi.Kpis;
import io.gemba.collector.kpi.ProductionSums;
import io.gemba.collector.plant.Shift;
import io.gemba.collector.plant.StationConfig;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.BatteryTest;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.OrderEvent;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One station on event time (ADR 0004, ADR 0010): decides what an event is (new, a repeat, within
 * the lateness, within the backfill horizon or late), has it applied, corrects by replay and by
 * rebuild, settles and emits. The parts, one role each: {@link StationLog} keeps the events and
 * finds repeats; {@link StationTimeline} applies events to the core and the minute buckets; {@link
 * BackfillHorizon} keeps the anchors a rebuild starts from; {@link MinutePoints} makes a minute's
 * points and {@link PointChanges} what a correction writes of them.
 *
 * <p>An event that arrives out of order but within the allowed lateness is applied by going back to
 * the copy of the core before it and replaying: the buckets that change are emitted again, and
 * points that no longer exist are written with zero sums. One older than the watermark but within
 * the horizon is kept aside until the next {@link #flush} rebuilds the station from an anchor.
 * Buckets are emitted when the station's event time passes their end, and settled (folded into the
 * shift and order sums and forgotten) once the watermark has passed them and no stop that touches
 * them can still change its class.
 */
final class StationTracker {

  final String site;
  final String area;
  final String line;
  final String station;
  final boolean configured;
  final boolean lineOutput;

  /** Makes the points of the station's minutes. */
  private final MinutePoints minutePoints;

  final EngineContext ctx;
  private final MinuteSlicer slicer;

  /** The station's core, minute buckets and copies of the core, as its events make them. */
  private final StationTimeline timeline;

  /** The events the station keeps. */
  private final StationLog log;

  /** The events from the oldest copy of the core on, by time: {@link StationLog#hot()}. */
  private final TimedLog<TelemetryEvent> events;

  /** The anchors a rebuild starts from (ADR 0010). */
  private final BackfillHorizon horizon;

  /** During the rebuild that applies them, the events kept aside: applied the first time. */
  private Set<TelemetryEvent> firstApplied;

  /** During a rebuild, the points the station makes, instead of the sink. */
  private List<Point> collecting;

  /**
   * During a rebuild, the minute before which both rebuilds make the same points: those of its
   * minutes and of its events are not collected (nor, for minutes, made).
   */
  private long sameBeforeMs = NONE;

  final Map<String, ProductionSums> closedShifts = new LinkedHashMap<>();
  final Map<String, ProductionSums> closedOrders = new LinkedHashMap<>();
  private final Map<Long, List<Point>> stash = new HashMap<>();

  long latestTs = NONE;
  long watermark = NONE;

  /**
   * How far a silent station's time has come: its latest event's time plus how long it has been
   * quiet by the wall clock ({@link #tick}); {@link #NONE} once it is heard again.
   */
  long tickClock = NONE;

  /** When the station's latest message arrived, by the wall clock; {@link #NONE} before any. */
  long lastArrivalMs = NONE;

  /**
   * The {@link StationCore#heardMs} from which the wall clock found the station silent, or {@link
   * #NONE} while it is heard: its time from then on counts as {@code OFFLINE} for now, until
   * messages of that time say otherwise.
   */
  long silentFromMs = NONE;

  long settledMs = NONE;
  private long emittedThrough = NONE;

  /**
   * The minute that {@link #settle} last found held back by a stop that can still become a
   * micro-stop, and the watermark until which that stop holds it: settling need not look again
   * before. A replay forgets it.
   */
  private long heldMinute = NONE;

  private long heldUntil = NONE;

  /** Raw points emitted for events not settled yet, in event order: a replay diffs them. */
  private final TimedLog<Point> raw = new TimedLog<>();

  /** Whether a replay is under way: its raw points are compared with those made before. */
  private boolean replaying;

  boolean flushPending;

  long late;
  long duplicates;
  long backwards;
  long corrections;

  /** The event {@link #accept} is applying, whose data-quality counts are counted. */
  private TelemetryEvent accepting;

  /** The station's battery tests, once it has sent one. */
  private BatteryQuality battery;

  StationTracker(
      String site,
      String area,
      String line,
      String station,
      StationConfig config,
      boolean configured,
      boolean lineOutput,
      MinuteSlicer slicer,
      EngineContext ctx,
      StationCore initial,
      long initialKeyMs) {
    this.site = site;
    this.area = area;
    this.line = line;
    this.station = station;
    this.configured = configured;
    this.lineOutput = lineOutput;
    this.slicer = slicer;
    this.ctx = ctx;
    StationTags tags = tags(station);
    this.minutePoints =
        new MinutePoints(
            lineOutput
                ? new StationTags[] {tags, tags(Points.LINE_STATION)}
                : new StationTags[] {tags},
            ctx.calculator);
    this.log = new StationLog(site, area, line, station, ctx.silenceMs);
    this.events = log.hot();
    this.horizon = new BackfillHorizon(ctx.backfillShifts, ctx.backfillHorizonMs);
    this.timeline = new StationTimeline(tags, config, ctx, slicer, new TimelineOutput(), initial);
    timeline.snapshots.add(initialKeyMs, initial.copy());
    if (initialKeyMs == NONE) {
      horizon.begin(timeline.snapshots.get(timeline.snapshots.first()));
    }
  }

  private StationTags tags(String stationTag) {
    return new StationTags(new String[] {site, area, line, stationTag});
  }

  // ---- events ----------------------------------------------------------------------------

  /**
   * Applies {@code event}, whose time is {@code ts} and which arrived at {@code arrivalMs} by the
   * wall clock, both in epoch milliseconds.
   */
  Outcome accept(TelemetryEvent event, long ts, long arrivalMs) {
    if (latestTs != NONE && ts < latestTs) {
      backwards++;
      ctx.backwards++;
    }
    if (watermark != NONE && ts < watermark) {
      if (!horizon.contains(ts, latestTs)) {
        late++;
        return Outcome.LATE;
      }
      if (!log.keepAside(event, ts)) {
        duplicates++;
        return Outcome.DUPLICATE;
      }
      corrections++;
      ctx.corrections++;
      return Outcome.APPLIED;
    }
    StationLog.Kept kept = log.keep(event, ts, latestTs);
    if (kept == StationLog.Kept.REPEAT) {
      duplicates++;
      return Outcome.DUPLICATE;
    }
    boolean last = kept == StationLog.Kept.LATEST;
    // A station found silent by the wall clock, heard again sooner in event time than the silence
    // timeout: it was not silent, and the time counted OFFLINE for now is counted again.
    boolean presence = StationLog.isPresence(event);
    boolean wasNotSilent =
        presence && silentFromMs != NONE && ts - timeline.core.heardMs <= ctx.silenceMs;
    if (presence) {
      heard(arrivalMs);
    }
    accepting = event;
    if (timeline.core.clockMs == NONE || (ts >= timeline.core.clockMs && last && !wasNotSilent)) {
      timeline.apply(event, ts);
    } else {
      corrections++;
      ctx.corrections++;
      replay(ts);
    }
    accepting = null;
    if (last) {
      log.compact(events.end() - 1);
    } else {
      log.compactInserted(event, ts);
    }
    latestTs = Math.max(latestTs, ts);
    if (presence && timeline.core.heardMs != NONE) {
      // The station's own messages move its time, not the MES's orders.
      raiseWatermark(timeline.core.heardMs - ctx.latenessMs);
    }
    return Outcome.APPLIED;
  }

  /** Takes a battery test that {@link #accept} applied into the station's battery quality. */
  void test(BatteryTest test, long ts) {
    if (battery == null) {
      battery = new BatteryQuality(new String[] {site, area, line, station}, ctx, slicer);
    }
    battery.add(test, ts, acceptsFromMs());
  }

  /**
   * The oldest time an event of the station is still applied at: the watermark, or as far back as
   * the backfill horizon reaches.
   */
  private long acceptsFromMs() {
    if (watermark == NONE) {
      return Long.MIN_VALUE;
    }
    return Math.min(watermark, Math.max(horizon.fromMs(), latestTs - ctx.backfillHorizonMs));
  }

  /** The station's product now: its order's, or its last unit's; null if none. */
  String product() {
    return timeline.core.product;
  }

  /** The station's battery test quality, or null if it has sent no test. */
  QualitySnapshot quality() {
    return battery == null ? null : battery.snapshot();
  }

  /**
   * Reads the state that applying an event reads (see {@code KpiEngine.warm}), and returns
   * something of it so that the reads stay.
   */
  long warm() {
    StationCore current = timeline.core;
    Segment last = timeline.lastAccrued;
    return latestTs
        + current.clockMs
        + current.counters.madeTotal()
        + events.warmNextSlot()
        + (last != null ? last.calendarMs : 0);
  }

  /** A message of the station arrived at {@code arrivalMs}: it is not silent. */
  private void heard(long arrivalMs) {
    lastArrivalMs = Math.max(lastArrivalMs, arrivalMs);
    silentFromMs = NONE;
    tickClock = NONE;
  }

  /**
   * Tells the station the wall-clock time. If it has sent nothing for the silence timeout, it is
   * silent: its event time moves on by as long as it has been quiet, counted as {@code OFFLINE} to
   * the end of the shift of its last message, and its watermark follows (so that its minutes and
   * shift close). Otherwise its event time is its own.
   */
  void tick(long nowMs) {
    if (timeline.core.clockMs == NONE || lastArrivalMs == NONE || timeline.core.heardMs == NONE) {
      return;
    }
    long quietMs = nowMs - lastArrivalMs;
    if (quietMs < ctx.silenceMs) {
      return;
    }
    long clock = timeline.core.heardMs + quietMs;
    silentFromMs = timeline.core.heardMs;
    raiseWatermark(clock - ctx.latenessMs);
    if (clock > tickClock) {
      tickClock = clock;
      extendSilence();
    }
  }

  /** Counts a silent station's time as {@code OFFLINE} up to its tick clock, within its shift. */
  private void extendSilence() {
    if (silentFromMs == NONE || tickClock <= timeline.core.clockMs) {
      return;
    }
    Shift heard = slicer.shiftAt(timeline.core.heardMs);
    long limit = heard != null ? Math.min(tickClock, heard.endMillis()) : timeline.core.clockMs;
    timeline.applyDeferredOrders(limit, true);
    timeline.advance(limit, true);
  }

  private void raiseWatermark(long w) {
    if (w > watermark) {
      watermark = w;
    }
  }

  /** The timeline's raw points and first applications, as a replay or a rebuild has them. */
  private final class TimelineOutput implements StationTimeline.Output {
    @Override
    public void raw(long eventMs, Point point) {
      raw.add(eventMs, point);
      if (!replaying && (collecting == null || eventMs >= sameBeforeMs)) {
        out(point);
      }
    }

    @Override
    public boolean firstApplication(TelemetryEvent event) {
      return event == accepting || (firstApplied != null && firstApplied.contains(event));
    }
  }

  /** Writes a point: to the sink, or during a rebuild to the points it collects. */
  private void out(Point point) {
    if (collecting != null) {
      collecting.add(point);
    } else {
      ctx.emit(point);
    }
  }

  // ---- corrections -----------------------------------------------------------------------

  /**
   * Applies an event inserted before events already applied, by replaying from the snapshot before
   * it. Raw points are compared with those the replayed events made before: only what changed is
   * emitted, and what is gone is written with zero sums.
   */
  private void replay(long ts) {
    long undoFrom = timeline.core.silenceUndoneFrom(ts, ctx.silenceMs);
    // The event may show that a silence before it was none.
    int from = snapshotAtOrBefore(floorMinute(undoFrom != NONE ? Math.min(ts, undoFrom) : ts));
    StationCore at = timeline.snapshots.get(from);
    if (at.inStop() && ts - at.sinceMs < ctx.thresholdMs) {
      // The event may end the stop under way there, and so change its class.
      from = snapshotAtOrBefore(floorMinute(at.sinceMs));
    }
    long key = timeline.snapshots.time(from);
    while (!timeline.buckets.isEmpty() && timeline.buckets.peekLast().minuteMs >= key) {
      MinuteBucket dropped = timeline.buckets.pollLast();
      if (dropped.emitted != null) {
        stash.put(dropped.minuteMs, dropped.emitted);
      }
    }
    timeline.snapshots.truncate(from + 1);
    timeline.resetTo(timeline.snapshots.get(from).copy());
    heldMinute = NONE;
    timeline.redoFrom = Math.min(timeline.redoFrom, key);
    int firstRaw = key == NONE ? raw.first() : raw.lowerBound(key);
    List<Point> before = raw.removeFrom(firstRaw);
    int kept = firstRaw - raw.first(); // positions move as the replay adds
    replaying = true;
    for (int i = key == NONE ? events.first() : events.lowerBound(key); i < events.end(); i++) {
      timeline.apply(events.get(i), events.time(i));
    }
    extendSilence();
    replaying = false;
    PointChanges.emit(before, raw.itemsFrom(raw.first() + kept), this::out);
  }

  /**
   * Applies the events kept aside as older than the watermark: the station is rebuilt from the
   * anchor before the oldest of them twice, without them and with them, and what differs is written
   * (ADR 0010). Without them, the rebuild makes what the station wrote so far: its points depend on
   * its events, not on the order they came in (within the horizon); so only the change is written.
   * One rebuild applies all the events that came since the last flush.
   */
  private void rebuild() {
    // Settling since they came may have moved the horizon past some: late after all.
    int lateAfterAll = log.forgetAsideBefore(horizon.fromMs());
    late += lateAfterAll;
    ctx.lateAtRebuild += lateAfterAll;
    corrections -= lateAfterAll;
    ctx.corrections -= lateAfterAll;
    if (!log.hasKeptAside()) {
      return;
    }
    // An event may show that a silence up to a timeout before it was none, and so change the class
    // of a stop that the silence ended: the rebuild starts at an anchor before both.
    long from = log.oldestAsideMs() - ctx.silenceMs - ctx.thresholdMs;
    BackfillHorizon.Anchor anchor = horizon.before(from);
    // Points of minutes that a replay took away and nothing wrote again: gone either way.
    stash.values().forEach(this::zeroAll);
    stash.clear();
    // Before that minute, the events and so the points of both rebuilds are the same.
    sameBeforeMs = floorMinute(from);
    List<Point> before = rebuildFrom(anchor, List.of());
    firstApplied = Collections.newSetFromMap(new IdentityHashMap<>());
    List<TelemetryEvent> amongCold = log.takeAside(firstApplied);
    List<Point> after = rebuildFrom(anchor, amongCold);
    // The rebuilt station may settle less far than before: a replay within the lateness reads the
    // events from its oldest copy of the timeline.core on, which must not be cold.
    log.keepAmongCold(amongCold, timeline.snapshots.time(timeline.snapshots.first()));
    firstApplied = null;
    sameBeforeMs = NONE;
    PointChanges.emit(before, after, ctx::emit);
  }

  /**
   * Sets the station back to {@code anchor} and applies its kept events from there, with {@code
   * amongCold} (in time order, older than the last cold event) each after the cold events at its
   * time, then settles and emits as far as its time has come; returns the points it made, which are
   * not written.
   */
  private List<Point> rebuildFrom(BackfillHorizon.Anchor anchor, List<TelemetryEvent> amongCold) {
    List<Point> made = new ArrayList<>();
    collecting = made;
    horizon.rewindTo(anchor);
    timeline.resetTo(anchor.core().copy());
    timeline.snapshots.truncate(timeline.snapshots.first());
    timeline.snapshots.add(anchor.atMs(), anchor.core());
    timeline.buckets.clear();
    raw.truncate(raw.first());
    closedShifts.clear();
    closedShifts.putAll(anchor.closedShifts());
    closedOrders.clear();
    closedOrders.putAll(anchor.closedOrders());
    settledMs = anchor.atMs();
    emittedThrough = NONE;
    timeline.redoFrom = Long.MAX_VALUE;
    heldMinute = NONE;
    heldUntil = NONE;
    timeline.lastAccruedMinute = NONE;
    List<TelemetryEvent> older = log.coldFrom(anchor.atMs());
    int k = 0;
    for (TelemetryEvent event : amongCold) {
      long ts = tsOf(event);
      if (ts < anchor.atMs()) {
        continue;
      }
      while (k < older.size() && tsOf(older.get(k)) <= ts) {
        timeline.apply(older.get(k), tsOf(older.get(k)));
        k++;
      }
      timeline.apply(event, ts);
    }
    for (; k < older.size(); k++) {
      timeline.apply(older.get(k), tsOf(older.get(k)));
    }
    for (int i = anchor.atMs() == NONE ? events.first() : events.lowerBound(anchor.atMs());
        i < events.end();
        i++) {
      timeline.apply(events.get(i), events.time(i));
    }
    extendSilence();
    settle();
    emitPassed();
    collecting = null;
    return made;
  }

  /** The position of the last snapshot at or before {@code keyMs}. */
  private int snapshotAtOrBefore(long keyMs) {
    int position = timeline.snapshots.upperBound(keyMs) - 1;
    if (position < timeline.snapshots.first()) {
      throw new IllegalStateException("no snapshot at or before " + keyMs + " (a bug)");
    }
    return position;
  }

  private static long tsOf(TelemetryEvent event) {
    return StationLog.tsOf(event);
  }

  // ---- output ----------------------------------------------------------------------------

  /**
   * Settles what the watermark has passed (its points final, with ratios), then emits what the
   * station's event time has passed since (sums only, corrected until settled).
   */
  void flush() {
    flushPending = false;
    settle();
    emitPassed();
    if (log.hasKeptAside()) {
      // After the station has written what it has: a rebuild writes what differs from that.
      rebuild();
    }
    if (battery != null) {
      battery.flush();
    }
  }

  private void emitPassed() {
    if (timeline.redoFrom == Long.MAX_VALUE
        && emittedThrough != NONE
        && timeline.core.clockMs < emittedThrough + MINUTE_MS) {
      return; // the common case: still in the minute after the last one emitted
    }
    if (timeline.buckets.isEmpty()) {
      return;
    }
    if (emittedThrough == NONE) {
      emittedThrough = timeline.buckets.peekFirst().minuteMs;
    }
    if (timeline.redoFrom == Long.MAX_VALUE && timeline.core.clockMs < emittedThrough + MINUTE_MS) {
      return;
    }
    long from = Math.min(timeline.redoFrom, emittedThrough);
    for (MinuteBucket bucket : timeline.buckets) {
      if (bucket.endMs() > timeline.core.clockMs) {
        break;
      }
      if (bucket.minuteMs >= from) {
        // Not settled: the minute's own points, sums only; the shift and order so far come later.
        emit(bucket, minutePoints.of(bucket, null, null, false));
      }
      emittedThrough = Math.max(emittedThrough, bucket.endMs());
    }
    timeline.redoFrom = Long.MAX_VALUE;
  }

  /** Emits a bucket's points; on a correction only what changed, and zero for what is gone. */
  private void emit(MinuteBucket bucket, List<Point> points) {
    List<Point> before = bucket.emitted != null ? bucket.emitted : stash.remove(bucket.minuteMs);
    bucket.emitted = points;
    if (before == null) {
      points.forEach(this::out);
    } else {
      PointChanges.emit(before, points, this::out);
    }
  }

  /** Folds the timeline.buckets the watermark has passed into the shift and order sums. */
  private void settle() {
    if (watermark == NONE || floorMinute(watermark) <= settledMs) {
      return;
    }
    // Never past the station's clock: a silent station between shifts stands still, and a replay
    // must find a copy of its timeline.core in a minute not settled yet.
    long candidate = Math.min(floorMinute(watermark), floorMinute(timeline.core.clockMs));
    if (candidate <= settledMs) {
      return;
    }
    if (candidate == heldMinute && watermark < heldUntil) {
      return; // still held by the same stop
    }
    timeline.core.closeSilences(watermark - ctx.silenceMs);
    long undoFrom = timeline.core.silenceUndoneFrom(Long.MAX_VALUE, ctx.silenceMs);
    if (silentFromMs != NONE
        && !timeline.core.silent
        && watermark - timeline.core.heardMs <= ctx.silenceMs) {
      // Found silent by the wall clock, its time not moved on yet (between shifts, or in the
      // same poll): the silence is not open in the core, but a message may still undo it.
      long pending = timeline.silenceUndoneFrom();
      undoFrom = undoFrom == NONE ? pending : Math.min(undoFrom, pending);
    }
    if (undoFrom != NONE) {
      // A message may still come and show that the station was not silent.
      long limited = Math.min(candidate, floorMinute(undoFrom));
      if (limited <= settledMs) {
        return;
      }
      candidate = limited;
    }
    StationCore at = timeline.snapshots.get(snapshotAtOrBefore(candidate));
    if (at.inStop() && watermark - at.sinceMs < ctx.thresholdMs) {
      long limited = Math.min(candidate, floorMinute(at.sinceMs));
      if (limited <= settledMs) {
        heldMinute = candidate;
        heldUntil = at.sinceMs + ctx.thresholdMs;
        return;
      }
      candidate = limited;
    }
    if (candidate <= settledMs) {
      return;
    }
    settledMs = candidate;
    while (!timeline.buckets.isEmpty() && timeline.buckets.peekFirst().minuteMs < settledMs) {
      MinuteBucket bucket = timeline.buckets.pollFirst();
      horizon.passing(bucket, timeline.snapshots, closedShifts, closedOrders);
      for (Segment segment : bucket.segments) {
        ProductionSums sums = segment.sums();
        if (segment.shiftId != null) {
          closedShifts.merge(segment.shiftId, sums, ProductionSums::plus);
        }
        if (segment.order != null) {
          closedOrders.merge(segment.order, sums, ProductionSums::plus);
        }
      }
      if (collecting == null || bucket.minuteMs >= sameBeforeMs) {
        emit(bucket, minutePoints.of(bucket, closedShifts, closedOrders, true));
      }
    }
    int restorePoint = timeline.snapshots.upperBound(settledMs) - 1; // the last one to replay from
    if (restorePoint > timeline.snapshots.first()) {
      timeline.snapshots.dropBefore(timeline.snapshots.time(restorePoint));
    }
    long keepFrom = timeline.snapshots.time(timeline.snapshots.first());
    horizon.forgetOld(latestTs);
    log.cool(keepFrom, horizon.fromMs(), slicer::shiftAt);
    raw.dropBefore(keepFrom);
    if (!stash.isEmpty()) {
      stash.entrySet().removeIf(entry -> entry.getKey() < settledMs && zeroAll(entry.getValue()));
    }
    forgetClosed();
  }

  private boolean zeroAll(List<Point> points) {
    for (Point point : points) {
      Point zero = Points.zeroed(point);
      if (zero != null) {
        out(zero);
      }
    }
    return true;
  }

  /**
   * Keeps the sums of shifts and orders that open timeline.buckets still add to, and the latest.
   */
  private void forgetClosed() {
    if (closedShifts.size() > 1 || closedOrders.size() > 1) {
      Set<String> shifts = new HashSet<>();
      Set<String> orders = new HashSet<>();
      for (MinuteBucket bucket : timeline.buckets) {
        for (Segment segment : bucket.segments) {
          shifts.add(segment.shiftId);
          orders.add(segment.order);
        }
      }
      keepOnly(closedShifts, shifts);
      orders.add(timeline.core.order);
      keepOnly(closedOrders, orders);
    }
  }

  private static void keepOnly(Map<String, ProductionSums> closed, Set<String> keep) {
    String latest = null;
    for (String key : closed.keySet()) {
      latest = key;
    }
    String last = latest;
    closed.keySet().removeIf(key -> !keep.contains(key) && !key.equals(last));
  }

  // ---- timeline.snapshots for the API and checkpoints
  // ---------------------------------------------

  /** Whether the wall clock found the station silent (and it was not heard since). */
  boolean isSilent() {
    return silentFromMs != NONE;
  }

  /**
   * Whether the station can be forgotten at {@code nowMs}: silent, by the wall clock, for longer
   * than the backfill horizon (no event it still had would change a point), with nothing kept aside
   * for a rebuild and nothing left to emit.
   */
  boolean settledSilence(long nowMs) {
    return isSilent()
        && nowMs - lastArrivalMs > Math.max(ctx.backfillHorizonMs, ctx.silenceMs)
        && !log.hasKeptAside()
        && !flushPending;
  }

  /** The state the station is in as far as is known: {@code OFFLINE} while it is silent. */
  MachineState knownState() {
    return isSilent()
        ? MachineState.OFFLINE
        : timeline.core.stateKnown ? timeline.core.state : null;
  }

  /** The station's order and product now, with the orders deferred to its next message. */
  private String[] orderAndProduct() {
    String order = timeline.core.order;
    String product = timeline.core.product;
    if (timeline.core.deferredOrders != null) {
      for (StationCore.DeferredOrder deferred : timeline.core.deferredOrders) {
        OrderEvent event = deferred.order();
        if (event.event() == OrderEvent.Kind.START) {
          order = event.order();
          product = event.product();
        } else if (event.order().equals(order)) {
          order = null;
        }
      }
    }
    return new String[] {order, product};
  }

  StationSnapshot snapshot() {
    String shiftId = timeline.core.shift != null ? timeline.core.shift.id() : latestShift();
    Kpis kpis = shiftId == null ? null : ctx.calculator.compute(shiftSums(shiftId));
    boolean silent = isSilent();
    String[] orderAndProduct = orderAndProduct();
    return new StationSnapshot(
        site,
        area,
        line,
        station,
        configured,
        lineOutput,
        knownState(),
        silent ? null : timeline.core.reason,
        silent
            ? Instant.ofEpochMilli(silentFromMs)
            : timeline.core.stateKnown ? Instant.ofEpochMilli(timeline.core.sinceMs) : null,
        silent ? Instant.ofEpochMilli(silentFromMs) : null,
        timeline.core.clockMs == NONE ? null : Instant.ofEpochMilli(timeline.core.clockMs),
        shiftId,
        orderAndProduct[0],
        orderAndProduct[1],
        kpis,
        new DataQuality(
            late,
            duplicates,
            backwards,
            timeline.countsWhileStopped,
            timeline.counterJumps,
            timeline.core.counterResets,
            timeline.core.unitsWithoutIdeal,
            kpis != null && kpis.performanceAboveOne()));
  }

  /**
   * The shift's sums so far: settled timeline.buckets and open ones, the current minute included.
   */
  ProductionSums shiftSums(String shiftId) {
    ProductionSums sums = closedShifts.getOrDefault(shiftId, ProductionSums.EMPTY);
    MinuteCount count = timeline.core.minuteCount;
    if (!count.isEmpty()) {
      Shift shift = slicer.shiftAt(count.lastMs);
      if (shift != null && shiftId.equals(shift.id())) {
        sums = sums.plus(count.sums());
      }
    }
    for (MinuteBucket bucket : timeline.buckets) {
      for (Segment segment : bucket.segments) {
        if (shiftId.equals(segment.shiftId)) {
          sums = sums.plus(segment.sums());
        }
      }
    }
    return sums;
  }

  private String latestShift() {
    Iterator<MinuteBucket> it = timeline.buckets.descendingIterator();
    while (it.hasNext()) {
      for (Segment segment : it.next().segments) {
        if (segment.shiftId != null) {
          return segment.shiftId;
        }
      }
    }
    String latest = null;
    for (String key : closedShifts.keySet()) {
      latest = key;
    }
    return latest;
  }

  /**
   * The station's state for a checkpoint, as it is now: everything in it is immutable or copied, so
   * the station may go on. Its events are encoded with {@code encode} only as they are read (when
   * the checkpoint is written, on whatever thread writes it).
   */
  EngineCheckpoint.StationState toState(
      Function<TelemetryEvent, EngineCheckpoint.LoggedEvent> encode) {
    int restorePoint = timeline.snapshots.first();
    return new EngineCheckpoint.StationState(
        site,
        area,
        line,
        station,
        EngineCheckpoint.orNull(timeline.snapshots.time(restorePoint)),
        timeline.snapshots.get(restorePoint).toState(),
        encoded(events, encode),
        new LinkedHashMap<>(closedShifts),
        new LinkedHashMap<>(closedOrders),
        EngineCheckpoint.orNull(latestTs),
        EngineCheckpoint.orNull(watermark),
        EngineCheckpoint.orNull(tickClock),
        EngineCheckpoint.orNull(settledMs),
        late,
        duplicates,
        backwards,
        corrections,
        EngineCheckpoint.orNull(lastArrivalMs),
        EngineCheckpoint.orNull(silentFromMs),
        timeline.countsWhileStopped,
        timeline.counterJumps,
        horizon.save(),
        encoded(log.aside(), encode),
        log.saveCold(),
        battery == null ? null : encoded(battery.tests(), encode),
        battery == null ? null : battery.serials(),
        battery == null ? 0 : battery.verdictMismatches,
        battery == null ? 0 : battery.unjudged);
  }

  /** {@code tests}, encoded only as they are read. */
  private static List<EngineCheckpoint.LoggedEvent> encoded(
      List<BatteryTest> tests, Function<TelemetryEvent, EngineCheckpoint.LoggedEvent> encode) {
    return new AbstractList<>() {
      @Override
      public EngineCheckpoint.LoggedEvent get(int index) {
        return encode.apply(tests.get(index));
      }

      @Override
      public int size() {
        return tests.size();
      }
    };
  }

  /** The events of {@code log} as they are now, encoded only as they are read. */
  private static List<EngineCheckpoint.LoggedEvent> encoded(
      TimedLog<TelemetryEvent> log, Function<TelemetryEvent, EngineCheckpoint.LoggedEvent> encode) {
    TelemetryEvent[] kept = new TelemetryEvent[log.end() - log.first()];
    for (int i = 0; i < kept.length; i++) {
      kept[i] = log.get(log.first() + i);
    }
    return new AbstractList<>() {
      @Override
      public EngineCheckpoint.LoggedEvent get(int index) {
        return encode.apply(kept[index]);
      }

      @Override
      public int size() {
        return kept.length;
      }
    };
  }

  /**
   * Takes over a checkpointed station (made with the restore point's timeline.core) and replays its
   * events, emitting their points again.
   */
  void restore(
      EngineCheckpoint.StationState saved,
      List<TelemetryEvent> kept,
      List<TelemetryEvent> keptAside,
      List<BatteryTest> tests,
      MinuteSlicer slicer) {
    if (!tests.isEmpty() || saved.serials() != null) {
      battery = new BatteryQuality(new String[] {site, area, line, station}, ctx, slicer);
      battery.restore(
          saved.serials() == null ? Map.of() : saved.serials(),
          tests,
          saved.verdictMismatches(),
          saved.unjudgedTests());
    }
    log.restore(kept, keptAside, saved.cold());
    horizon.restore(saved.anchors(), slicer);
    closedShifts.putAll(saved.closedShifts());
    closedOrders.putAll(saved.closedOrders());
    latestTs = EngineCheckpoint.orNone(saved.latestTs());
    watermark = EngineCheckpoint.orNone(saved.watermark());
    tickClock = EngineCheckpoint.orNone(saved.tickClock());
    settledMs = EngineCheckpoint.orNone(saved.settledMs());
    late = saved.late();
    duplicates = saved.duplicates();
    backwards = saved.backwards();
    corrections = saved.corrections();
    lastArrivalMs = EngineCheckpoint.orNone(saved.lastArrivalMs());
    silentFromMs = EngineCheckpoint.orNone(saved.silentFromMs());
    timeline.countsWhileStopped = saved.countsWhileStopped();
    timeline.counterJumps = saved.counterJumps();
    ctx.backwards += backwards;
    ctx.corrections += corrections;
    long restoreKey = timeline.snapshots.time(timeline.snapshots.first());
    for (int i = restoreKey == NONE ? events.first() : events.lowerBound(restoreKey);
        i < events.end();
        i++) {
      timeline.apply(events.get(i), events.time(i));
    }
    extendSilence();
  }
}
