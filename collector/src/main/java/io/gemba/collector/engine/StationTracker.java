package io.gemba.collector.engine;

import static io.gemba.collector.engine.MinuteBucket.MINUTE_MS;
import static io.gemba.collector.engine.MinuteBucket.floorMinute;
import static io.gemba.collector.engine.StationCore.NONE;

import io.gemba.collector.engine.StationCore.StopClass;
import io.gemba.collector.kpi.Kpis;
import io.gemba.collector.kpi.ProductionSums;
import io.gemba.collector.plant.Shift;
import io.gemba.collector.plant.StationConfig;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.CounterReading;
import io.gemba.collector.telemetry.CycleCompleted;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.OrderEvent;
import io.gemba.collector.telemetry.StateChange;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One station on event time (ADR 0004). Events are applied in time order to minute buckets; the
 * station's {@link StationCore} is copied at every minute boundary and its events are kept until
 * they are settled, so that an event that arrives out of order (but not late) is applied by going
 * back to the copy before it and replaying: the buckets that change are emitted again, and points
 * that no longer exist are written with zero sums.
 *
 * <p>Buckets are emitted when the station's event time passes their end, and settled (folded into
 * the shift and order sums and forgotten) once the watermark has passed them and no stop that
 * touches them can still change its class.
 */
final class StationTracker {

  final String site;
  final String area;
  final String line;
  final String station;
  final boolean configured;
  final boolean lineOutput;

  private final StationTags tags;

  /** Makes the points of the station's minutes. */
  private final MinutePoints minutePoints;

  private final StationConfig config;
  final EngineContext ctx;
  private final MinuteSlicer slicer;
  private final MinuteSlicer.Sink accrual = this::accrue;

  /** The segment time was last added to, for the fast path of {@link #advance}; may be stale. */
  private Segment lastAccrued;

  private long lastAccruedMinute = NONE;

  StationCore core;

  /** The events the station keeps. */
  private final StationLog log;

  /** The events from the oldest copy of the core on, by time: {@link StationLog#hot()}. */
  private final TimedLog<TelemetryEvent> events;

  /** The core at each minute boundary not settled yet, before the events at that instant. */
  private final TimedLog<StationCore> snapshots = new TimedLog<>();

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

  private final ArrayDeque<MinuteBucket> buckets = new ArrayDeque<>();
  final Map<String, ProductionSums> closedShifts = new LinkedHashMap<>();
  final Map<String, ProductionSums> closedOrders = new LinkedHashMap<>();
  private final Map<Long, List<Point>> stash = new HashMap<>();

  /**
   * The product whose configured ideal cycle time {@link #idealMs} looked up last, and that time: a
   * station makes one product for long, and its counts ask for it every time.
   */
  private String idealProduct;

  private double idealProductMs;
  private boolean idealKnown;

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
  private long redoFrom = Long.MAX_VALUE;

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

  /**
   * Data-quality counts of the messages, each counted once, when it is first applied (in order, or
   * in the replay its arrival makes), against what the station knew then: a replay or a restore
   * does not count them again.
   */
  long countsWhileStopped;

  long counterJumps;

  /** The event {@link #accept} is applying, whose data-quality counts are counted. */
  private TelemetryEvent accepting;

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
    this.config = config;
    this.configured = configured;
    this.lineOutput = lineOutput;
    this.slicer = slicer;
    this.ctx = ctx;
    this.tags = tags(station);
    this.minutePoints =
        new MinutePoints(
            lineOutput
                ? new StationTags[] {tags, tags(Points.LINE_STATION)}
                : new StationTags[] {tags},
            ctx.calculator);
    this.log = new StationLog(site, area, line, station, ctx.silenceMs);
    this.events = log.hot();
    this.horizon = new BackfillHorizon(ctx.backfillShifts, ctx.backfillHorizonMs);
    this.core = initial;
    snapshots.add(initialKeyMs, initial.copy());
    if (initialKeyMs == NONE) {
      horizon.begin(snapshots.get(snapshots.first()));
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
    int at = log.keep(event, ts, latestTs);
    if (at < 0) {
      duplicates++;
      return Outcome.DUPLICATE;
    }
    boolean last = at == events.end() - 1;
    // A station found silent by the wall clock, heard again sooner in event time than the silence
    // timeout: it was not silent, and the time counted OFFLINE for now is counted again.
    boolean presence = StationLog.isPresence(event);
    boolean wasNotSilent = presence && silentFromMs != NONE && ts - core.heardMs <= ctx.silenceMs;
    if (presence) {
      heard(arrivalMs);
    }
    accepting = event;
    if (core.clockMs == NONE || (ts >= core.clockMs && last && !wasNotSilent)) {
      apply(event, ts);
    } else {
      corrections++;
      ctx.corrections++;
      replay(ts);
    }
    accepting = null;
    if (last) {
      log.compact(events.end() - 1);
    }
    latestTs = Math.max(latestTs, ts);
    if (presence && core.heardMs != NONE) {
      // The station's own messages move its time, not the MES's orders.
      raiseWatermark(core.heardMs - ctx.latenessMs);
    }
    return Outcome.APPLIED;
  }

  /**
   * Reads the state that applying an event reads (see {@code KpiEngine.warm}), and returns
   * something of it so that the reads stay.
   */
  long warm() {
    StationCore current = core;
    Segment last = lastAccrued;
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
    if (core.clockMs == NONE || lastArrivalMs == NONE || core.heardMs == NONE) {
      return;
    }
    long quietMs = nowMs - lastArrivalMs;
    if (quietMs < ctx.silenceMs) {
      return;
    }
    long clock = core.heardMs + quietMs;
    silentFromMs = core.heardMs;
    raiseWatermark(clock - ctx.latenessMs);
    if (clock > tickClock) {
      tickClock = clock;
      extendSilence();
    }
  }

  /** Counts a silent station's time as {@code OFFLINE} up to its tick clock, within its shift. */
  private void extendSilence() {
    if (silentFromMs == NONE || tickClock <= core.clockMs) {
      return;
    }
    Shift heard = slicer.shiftAt(core.heardMs);
    long limit = heard != null ? Math.min(tickClock, heard.endMillis()) : core.clockMs;
    applyDeferredOrders(limit, true);
    advance(limit, true);
  }

  private void raiseWatermark(long w) {
    if (w > watermark) {
      watermark = w;
    }
  }

  private void apply(TelemetryEvent event, long ts) {
    if (core.clockMs == NONE) {
      core.clockMs = ts;
      core.shift = slicer.shiftAt(ts);
    }
    if (event instanceof OrderEvent order && core.heardMs != NONE && ts > core.clockMs) {
      // Whether the time up to it was silence is known only from the station's next message.
      core.deferOrder(ts, order);
      return;
    }
    boolean silent = core.heardMs != NONE && ts - core.heardMs > ctx.silenceMs;
    applyDeferredOrders(ts, silent);
    advance(ts, silent);
    if (StationLog.isPresence(event)) {
      core.heardMs = ts;
      if (core.silent) {
        // Heard again: the state it was in goes on from here.
        core.silent = false;
        core.sinceMs = ts;
        core.stopClass = StopClass.OPEN;
      }
    }
    if (event instanceof StateChange state) {
      onState(state, ts);
    } else if (event instanceof CounterReading reading) {
      onCount(reading, ts);
    } else if (event instanceof CycleCompleted cycle) {
      onCycle(cycle, ts);
    } else if (event instanceof OrderEvent order) {
      onOrder(order);
    }
    // A heartbeat only moves the station's time, which advance() did.
  }

  private void onState(StateChange change, long ts) {
    if (core.stateKnown
        && change.state() == core.state
        && Objects.equals(change.reason(), core.reason)) {
      return; // the same state again: it goes on
    }
    long previousMs = core.stateKnown ? ts - core.sinceMs : 0;
    if (core.inStop()) {
      endStop(ts);
    }
    if (core.stateKnown && core.state == MachineState.CHANGEOVER && ctx.startupMs > 0) {
      core.startupUntilMs = ts + ctx.startupMs;
    }
    emitRaw(
        ts,
        Points.machineState(tags, ts, change.state(), change.reason(), change.code(), previousMs));
    core.state = change.state();
    core.reason = change.reason();
    core.code = change.code();
    core.sinceMs = ts;
    core.stateKnown = true;
    core.stopClass = StopClass.OPEN;
    if (change.state() == MachineState.DOWN) {
      segmentAt(ts, core.product).openStop.downEvents++;
    }
  }

  private void endStop(long ts) {
    long durationMs = ts - core.sinceMs;
    if (core.stopClass == StopClass.OPEN) {
      classify(durationMs >= ctx.thresholdMs ? StopClass.LONG : StopClass.MICRO);
    }
    if (durationMs > 0) {
      emitRaw(ts, Points.downtime(tags, core.sinceMs, core.state, core.reason, durationMs));
    }
  }

  private void onCount(CounterReading reading, long ts) {
    core.counterMode = true;
    core.countsThisShift = true;
    long previousMs = core.lastCountMs;
    core.lastCountMs = ts;
    CounterTracker counters = core.counters;
    if (!counters.accept(reading)) {
      return; // the baseline
    }
    if (counters.wasReset()) {
      core.counterResets++;
    }
    long made = counters.madeTotal();
    if (made == 0) {
      return;
    }
    double idealMs = idealMs(core.product);
    if (firstApplication(reading)) {
      if (!Double.isNaN(idealMs) && made > (ts - previousMs) / idealMs + 1) {
        counterJumps++;
      }
      if (stoppedSince(previousMs)) {
        countsWhileStopped++;
      }
    }
    core.minuteCount.add(
        floorMinute(ts),
        ts,
        core.order,
        core.product,
        idealMs,
        ts < core.startupUntilMs,
        made,
        counters.madeGood());
  }

  /**
   * Adds what the counters made in a minute that the station's time has left to that minute's
   * bucket, under the status of its last reading.
   */
  private void closeMinuteCount() {
    MinuteCount count = core.minuteCount;
    if (count.isEmpty() || core.clockMs < count.minuteMs + MINUTE_MS) {
      return;
    }
    Segment segment =
        segment(count.minuteMs, slicer.shiftAt(count.lastMs), count.order, count.product);
    segment.lastMs = Math.max(segment.lastMs, count.lastMs);
    addUnits(segment, count.total, count.good, count.startup, count.idealMs);
    count.clear();
  }

  private void onCycle(CycleCompleted cycle, long ts) {
    if (cycle.product() != null && core.order == null) {
      core.product = cycle.product();
    }
    String product = cycle.product() != null ? cycle.product() : core.product;
    emitRaw(ts, Points.cycle(tags, ts, product, cycle.result().name(), cycle.cycleMs()));
    if (core.counterMode) {
      return; // the counters count this unit
    }
    if (firstApplication(cycle) && stoppedSince(ts - cycle.cycleMs())) {
      countsWhileStopped++;
    }
    long good = cycle.result() == CycleCompleted.Result.OK ? 1 : 0;
    addUnits(ts, product, 1, good, idealMs(product));
  }

  /** Whether {@code event} is applied for the first time: its data-quality counts count. */
  private boolean firstApplication(TelemetryEvent event) {
    return event == accepting || (firstApplied != null && firstApplied.contains(event));
  }

  private void emitRaw(long eventMs, Point point) {
    raw.add(eventMs, point);
    if (!replaying && (collecting == null || eventMs >= sameBeforeMs)) {
      out(point);
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

  /** Whether the station has not been running at any time since {@code fromMs}. */
  private boolean stoppedSince(long fromMs) {
    return core.stateKnown && core.state != MachineState.RUNNING && core.sinceMs <= fromMs;
  }

  private void onOrder(OrderEvent order) {
    if (order.event() == OrderEvent.Kind.START) {
      core.order = order.order();
      core.product = order.product();
      core.orderIdealMs = order.idealCycleMs() == null ? 0 : order.idealCycleMs();
    } else if (order.order().equals(core.order)) {
      core.order = null;
      core.orderIdealMs = 0;
    }
  }

  private void addUnits(long ts, String product, long total, long good, double idealMs) {
    addUnits(segmentAt(ts, product), total, good, ts < core.startupUntilMs, idealMs);
  }

  /** Adds units to {@code segment}; their scrap is startup scrap if {@code startup}. */
  private void addUnits(Segment segment, long total, long good, boolean startup, double idealMs) {
    long startupScrap = startup ? total - good : 0;
    segment.totalCount += total;
    segment.goodCount += good;
    segment.startupScrapCount += startupScrap;
    segment.idealMsTotal += total * idealMs;
    segment.idealMsGood += good * idealMs;
    segment.idealMsStartupScrap += startupScrap * idealMs;
    if (Double.isNaN(idealMs)) {
      core.unitsWithoutIdeal += total;
    }
  }

  /** The ideal cycle time of {@code product} in ms, or NaN if it is unknown. */
  private double idealMs(String product) {
    if (core.order != null && core.orderIdealMs > 0 && Objects.equals(product, core.product)) {
      return core.orderIdealMs;
    }
    if (!idealKnown || !Objects.equals(product, idealProduct)) {
      idealProduct = product;
      idealProductMs =
          config
              .idealCycleTimes()
              .forProduct(product)
              .map(d -> d.toNanos() / 1e6)
              .orElse(Double.NaN);
      idealKnown = true;
    }
    return idealProductMs;
  }

  // ---- time ------------------------------------------------------------------------------

  /**
   * Applies the orders deferred until the station's next message, up to {@code toMs}: the time to
   * each is {@code silent} or not, as the time to that message.
   */
  private void applyDeferredOrders(long toMs, boolean silent) {
    while (core.deferredOrders != null && !core.deferredOrders.isEmpty()) {
      StationCore.DeferredOrder next = core.deferredOrders.peekFirst();
      if (next.ts() > toMs) {
        return;
      }
      core.deferredOrders.pollFirst();
      advance(next.ts(), silent);
      onOrder(next.order());
    }
  }

  /** Moves the station's clock to {@code toMs}; {@code silent}: as silence since last heard. */
  private void advance(long toMs, boolean silent) {
    if (toMs <= core.clockMs) {
      return;
    }
    if (silent) {
      advanceSilent(toMs);
      return;
    }
    if (staysInLastSegment(toMs)) {
      // The common case, an event within the minute and shift of the last one: no slicing.
      addTime(lastAccrued, toMs - core.clockMs, toMs - core.clockMs);
    } else {
      slicer.slice(core.clockMs, toMs, accrual);
    }
  }

  /**
   * Moves the clock of a station that said nothing since {@link StationCore#heardMs} to {@code
   * toMs}: the time counts as {@code OFFLINE} in the shift of that message and in the shift of
   * {@code toMs}, and not at all in the shifts between, in which the station has no data (they get
   * no points). A stop under way ends where the silence begins.
   */
  private void advanceSilent(long toMs) {
    if (!core.silent) {
      // Until the watermark is a silence timeout past its start, a late message may show that
      // there was no silence: from here on, or if a micro-stop ends here, from its start.
      core.openSilence(
          core.heardMs,
          core.inStop() && core.heardMs - core.sinceMs < ctx.thresholdMs
              ? core.sinceMs
              : core.heardMs);
      if (core.inStop()) {
        endStop(core.clockMs);
      }
      core.silent = true;
    }
    Shift heard = slicer.shiftAt(core.heardMs);
    if (heard != null && core.clockMs < heard.endMillis()) {
      slicer.slice(core.clockMs, Math.min(toMs, heard.endMillis()), accrual);
    }
    if (core.clockMs >= toMs) {
      return;
    }
    Shift at = slicer.shiftAt(toMs);
    long resume = at != null ? Math.max(core.clockMs, at.startMillis()) : toMs;
    if (resume > core.clockMs) {
      skipTo(resume);
    }
    if (core.clockMs < toMs) {
      slicer.slice(core.clockMs, toMs, accrual);
    }
  }

  /**
   * Moves the clock over time without data to {@code resumeMs}, adding nothing. The core is copied
   * at the first minute boundary skipped and at {@code resumeMs} if it is one, as the slicing
   * would: a replay must be able to start at any minute not settled yet, and never before.
   */
  private void skipTo(long resumeMs) {
    long boundary = floorMinute(core.clockMs) + MINUTE_MS;
    if (boundary <= resumeMs) {
      long clock = core.clockMs;
      core.clockMs = boundary;
      closeMinuteCount();
      core.clockMs = clock;
    }
    if (boundary < resumeMs) {
      core.clockMs = boundary;
      snapshots.add(boundary, core.copy());
    }
    core.clockMs = resumeMs;
    lastAccrued = null;
    if (Math.floorMod(resumeMs, MINUTE_MS) == 0) {
      snapshots.add(resumeMs, core.copy());
    }
  }

  /**
   * Whether {@code [clock, toMs)} lies inside the minute, shift and segment that time was last
   * added to, short of the minute's end and with no break in it: then it is all planned time of
   * that segment.
   */
  private boolean staysInLastSegment(long toMs) {
    Segment last = lastAccrued;
    Shift shift = core.shift;
    long from = core.clockMs;
    if (last == null
        || shift == null
        || last.shift != shift
        || lastAccruedMinute != floorMinute(from)
        || toMs >= lastAccruedMinute + MINUTE_MS
        || !last.matches(shift, core.order, core.product)
        || from < shift.startMillis()
        || toMs > shift.endMillis()) {
      return false;
    }
    return !shift.hasBreakBetween(from, toMs);
  }

  private void accrue(long minuteMs, Shift shift, long calendarMs, long plannedMs) {
    if (shift != core.shift && (shift == null || !shift.equals(core.shift))) {
      enterShift(shift);
    }
    Segment segment = segment(minuteMs, shift, core.order, core.product);
    lastAccrued = segment;
    lastAccruedMinute = minuteMs;
    addTime(segment, calendarMs, plannedMs);
    if (Math.floorMod(core.clockMs, MINUTE_MS) == 0) {
      closeMinuteCount();
      snapshots.add(core.clockMs, core.copy());
    }
  }

  /** Adds the next {@code calendarMs} of the station's time, in the current state, to a segment. */
  private void addTime(Segment segment, long calendarMs, long plannedMs) {
    core.clockMs += calendarMs;
    segment.calendarMs += calendarMs;
    segment.lastMs = core.clockMs;
    if (core.silent) {
      // No data: planned time lost as OFFLINE, whatever the state before the silence.
      segment.plannedMs += plannedMs;
      segment.longStops.add(MachineState.OFFLINE, plannedMs);
      return;
    }
    if (!(core.stateKnown && core.state == MachineState.PLANNED_STOP)) {
      segment.plannedMs += plannedMs;
    }
    if (core.inStop()) {
      (core.stopClass == StopClass.LONG ? segment.longStops : segment.openStop)
          .add(core.state, plannedMs);
      if (core.stopClass == StopClass.OPEN && core.clockMs - core.sinceMs >= ctx.thresholdMs) {
        classify(StopClass.LONG);
      }
    }
  }

  /**
   * A new shift (or the gap after one) begins. A station that counts with counters but sent no
   * count in the whole shift before counts its cycles again, from a fresh counter baseline.
   */
  private void enterShift(Shift shift) {
    if (shift != null) {
      if (core.counterMode && !core.countsThisShift && core.shiftEntered) {
        core.counterMode = false;
        core.counters.reset();
      }
      core.countsThisShift = false;
      core.shiftEntered = true;
    }
    core.shift = shift;
  }

  /** Moves the current stop's unclassified time in every bucket it touched to its class. */
  private void classify(StopClass stopClass) {
    core.stopClass = stopClass;
    long from = floorMinute(core.sinceMs);
    Iterator<MinuteBucket> it = buckets.descendingIterator();
    while (it.hasNext()) {
      MinuteBucket bucket = it.next();
      if (bucket.minuteMs < from) {
        break;
      }
      for (Segment segment : bucket.segments) {
        if (!segment.openStop.isEmpty()) {
          (stopClass == StopClass.LONG ? segment.longStops : segment.microStops)
              .takeAll(segment.openStop);
          if (stopClass == StopClass.LONG) {
            redoFrom = Math.min(redoFrom, bucket.minuteMs);
          }
        }
      }
    }
  }

  private Segment segmentAt(long ts, String product) {
    long minuteMs = floorMinute(ts);
    Segment last = lastAccrued;
    Segment segment;
    if (last != null
        && lastAccruedMinute == minuteMs
        && last.shift != null
        && last.shift.containsMillis(ts)
        && Objects.equals(last.order, core.order)
        && Objects.equals(last.product, product)) {
      segment = last; // the segment time was last added to, as for most counts
    } else {
      segment = segment(minuteMs, slicer.shiftAt(ts), core.order, product);
    }
    segment.lastMs = Math.max(segment.lastMs, ts);
    return segment;
  }

  private Segment segment(long minuteMs, Shift shift, String order, String product) {
    MinuteBucket last = buckets.peekLast();
    if (last == null || last.minuteMs != minuteMs) {
      last = new MinuteBucket(minuteMs);
      buckets.addLast(last);
    }
    return last.segment(shift, order, product);
  }

  // ---- corrections -----------------------------------------------------------------------

  /**
   * Applies an event inserted before events already applied, by replaying from the snapshot before
   * it. Raw points are compared with those the replayed events made before: only what changed is
   * emitted, and what is gone is written with zero sums.
   */
  private void replay(long ts) {
    long undoFrom = core.silenceUndoneFrom(ts, ctx.silenceMs);
    // The event may show that a silence before it was none.
    int from = snapshotAtOrBefore(floorMinute(undoFrom != NONE ? Math.min(ts, undoFrom) : ts));
    StationCore at = snapshots.get(from);
    if (at.inStop() && ts - at.sinceMs < ctx.thresholdMs) {
      // The event may end the stop under way there, and so change its class.
      from = snapshotAtOrBefore(floorMinute(at.sinceMs));
    }
    long key = snapshots.time(from);
    while (!buckets.isEmpty() && buckets.peekLast().minuteMs >= key) {
      MinuteBucket dropped = buckets.pollLast();
      if (dropped.emitted != null) {
        stash.put(dropped.minuteMs, dropped.emitted);
      }
    }
    snapshots.truncate(from + 1);
    core = snapshots.get(from).copy();
    lastAccrued = null;
    heldMinute = NONE;
    redoFrom = Math.min(redoFrom, key);
    int firstRaw = key == NONE ? raw.first() : raw.lowerBound(key);
    List<Point> before = raw.removeFrom(firstRaw);
    int kept = firstRaw - raw.first(); // positions move as the replay adds
    replaying = true;
    for (int i = key == NONE ? events.first() : events.lowerBound(key); i < events.end(); i++) {
      apply(events.get(i), events.time(i));
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
    // events from its oldest copy of the core on, which must not be cold.
    log.keepAmongCold(amongCold, snapshots.time(snapshots.first()));
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
    core = anchor.core().copy();
    snapshots.truncate(snapshots.first());
    snapshots.add(anchor.atMs(), anchor.core());
    buckets.clear();
    raw.truncate(raw.first());
    closedShifts.clear();
    closedShifts.putAll(anchor.closedShifts());
    closedOrders.clear();
    closedOrders.putAll(anchor.closedOrders());
    settledMs = anchor.atMs();
    emittedThrough = NONE;
    redoFrom = Long.MAX_VALUE;
    heldMinute = NONE;
    heldUntil = NONE;
    lastAccrued = null;
    lastAccruedMinute = NONE;
    List<TelemetryEvent> older = log.coldFrom(anchor.atMs());
    int k = 0;
    for (TelemetryEvent event : amongCold) {
      long ts = tsOf(event);
      if (ts < anchor.atMs()) {
        continue;
      }
      while (k < older.size() && tsOf(older.get(k)) <= ts) {
        apply(older.get(k), tsOf(older.get(k)));
        k++;
      }
      apply(event, ts);
    }
    for (; k < older.size(); k++) {
      apply(older.get(k), tsOf(older.get(k)));
    }
    for (int i = anchor.atMs() == NONE ? events.first() : events.lowerBound(anchor.atMs());
        i < events.end();
        i++) {
      apply(events.get(i), events.time(i));
    }
    extendSilence();
    settle();
    emitPassed();
    collecting = null;
    return made;
  }

  /** The position of the last snapshot at or before {@code keyMs}. */
  private int snapshotAtOrBefore(long keyMs) {
    int position = snapshots.upperBound(keyMs) - 1;
    if (position < snapshots.first()) {
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
  }

  private void emitPassed() {
    if (redoFrom == Long.MAX_VALUE
        && emittedThrough != NONE
        && core.clockMs < emittedThrough + MINUTE_MS) {
      return; // the common case: still in the minute after the last one emitted
    }
    if (buckets.isEmpty()) {
      return;
    }
    if (emittedThrough == NONE) {
      emittedThrough = buckets.peekFirst().minuteMs;
    }
    if (redoFrom == Long.MAX_VALUE && core.clockMs < emittedThrough + MINUTE_MS) {
      return;
    }
    long from = Math.min(redoFrom, emittedThrough);
    for (MinuteBucket bucket : buckets) {
      if (bucket.endMs() > core.clockMs) {
        break;
      }
      if (bucket.minuteMs >= from) {
        // Not settled: the minute's own points, sums only; the shift and order so far come later.
        emit(bucket, minutePoints.of(bucket, null, null, false));
      }
      emittedThrough = Math.max(emittedThrough, bucket.endMs());
    }
    redoFrom = Long.MAX_VALUE;
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

  /** Folds the buckets the watermark has passed into the shift and order sums. */
  private void settle() {
    if (watermark == NONE || floorMinute(watermark) <= settledMs) {
      return;
    }
    // Never past the station's clock: a silent station between shifts stands still, and a replay
    // must find a copy of its core in a minute not settled yet.
    long candidate = Math.min(floorMinute(watermark), floorMinute(core.clockMs));
    if (candidate <= settledMs) {
      return;
    }
    if (candidate == heldMinute && watermark < heldUntil) {
      return; // still held by the same stop
    }
    core.closeSilences(watermark - ctx.silenceMs);
    long undoFrom = core.silenceUndoneFrom(Long.MAX_VALUE, ctx.silenceMs);
    if (undoFrom != NONE) {
      // A message may still come and show that the station was not silent.
      long limited = Math.min(candidate, floorMinute(undoFrom));
      if (limited <= settledMs) {
        return;
      }
      candidate = limited;
    }
    StationCore at = snapshots.get(snapshotAtOrBefore(candidate));
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
    while (!buckets.isEmpty() && buckets.peekFirst().minuteMs < settledMs) {
      MinuteBucket bucket = buckets.pollFirst();
      horizon.passing(bucket, snapshots, closedShifts, closedOrders);
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
    int restorePoint = snapshots.upperBound(settledMs) - 1; // the last one to replay from
    if (restorePoint > snapshots.first()) {
      snapshots.dropBefore(snapshots.time(restorePoint));
    }
    long keepFrom = snapshots.time(snapshots.first());
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

  /** Keeps the sums of shifts and orders that open buckets still add to, and the latest. */
  private void forgetClosed() {
    if (closedShifts.size() > 1 || closedOrders.size() > 1) {
      Set<String> shifts = new HashSet<>();
      Set<String> orders = new HashSet<>();
      for (MinuteBucket bucket : buckets) {
        for (Segment segment : bucket.segments) {
          shifts.add(segment.shiftId);
          orders.add(segment.order);
        }
      }
      keepOnly(closedShifts, shifts);
      orders.add(core.order);
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

  // ---- snapshots for the API and checkpoints ---------------------------------------------

  /** Whether the wall clock found the station silent (and it was not heard since). */
  boolean isSilent() {
    return silentFromMs != NONE;
  }

  /** The state the station is in as far as is known: {@code OFFLINE} while it is silent. */
  MachineState knownState() {
    return isSilent() ? MachineState.OFFLINE : core.stateKnown ? core.state : null;
  }

  /** The station's order and product now, with the orders deferred to its next message. */
  private String[] orderAndProduct() {
    String order = core.order;
    String product = core.product;
    if (core.deferredOrders != null) {
      for (StationCore.DeferredOrder deferred : core.deferredOrders) {
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
    String shiftId = core.shift != null ? core.shift.id() : latestShift();
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
        silent ? null : core.reason,
        silent
            ? Instant.ofEpochMilli(silentFromMs)
            : core.stateKnown ? Instant.ofEpochMilli(core.sinceMs) : null,
        silent ? Instant.ofEpochMilli(silentFromMs) : null,
        core.clockMs == NONE ? null : Instant.ofEpochMilli(core.clockMs),
        shiftId,
        orderAndProduct[0],
        orderAndProduct[1],
        kpis,
        new DataQuality(
            late,
            duplicates,
            backwards,
            countsWhileStopped,
            counterJumps,
            core.counterResets,
            core.unitsWithoutIdeal,
            kpis != null && kpis.performanceAboveOne()));
  }

  /** The shift's sums so far: settled buckets and open ones, the current minute included. */
  ProductionSums shiftSums(String shiftId) {
    ProductionSums sums = closedShifts.getOrDefault(shiftId, ProductionSums.EMPTY);
    MinuteCount count = core.minuteCount;
    if (!count.isEmpty()) {
      Shift shift = slicer.shiftAt(count.lastMs);
      if (shift != null && shiftId.equals(shift.id())) {
        sums = sums.plus(count.sums());
      }
    }
    for (MinuteBucket bucket : buckets) {
      for (Segment segment : bucket.segments) {
        if (shiftId.equals(segment.shiftId)) {
          sums = sums.plus(segment.sums());
        }
      }
    }
    return sums;
  }

  private String latestShift() {
    Iterator<MinuteBucket> it = buckets.descendingIterator();
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
    int restorePoint = snapshots.first();
    return new EngineCheckpoint.StationState(
        site,
        area,
        line,
        station,
        EngineCheckpoint.orNull(snapshots.time(restorePoint)),
        snapshots.get(restorePoint).toState(),
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
        countsWhileStopped,
        counterJumps,
        horizon.save(),
        encoded(log.aside(), encode),
        log.saveCold());
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
   * Takes over a checkpointed station (made with the restore point's core) and replays its events,
   * emitting their points again.
   */
  void restore(
      EngineCheckpoint.StationState saved,
      List<TelemetryEvent> kept,
      List<TelemetryEvent> keptAside,
      MinuteSlicer slicer) {
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
    countsWhileStopped = saved.countsWhileStopped();
    counterJumps = saved.counterJumps();
    ctx.backwards += backwards;
    ctx.corrections += corrections;
    long restoreKey = snapshots.time(snapshots.first());
    for (int i = restoreKey == NONE ? events.first() : events.lowerBound(restoreKey);
        i < events.end();
        i++) {
      apply(events.get(i), events.time(i));
    }
    extendSilence();
  }
}
