package io.gemba.collector.engine;

import static io.gemba.collector.engine.MinuteBucket.MINUTE_MS;
import static io.gemba.collector.engine.MinuteBucket.floorMinute;
import static io.gemba.collector.engine.StationCore.NONE;

import io.gemba.collector.engine.StationCore.StopClass;
import io.gemba.collector.plant.Shift;
import io.gemba.collector.plant.StationConfig;
import io.gemba.collector.point.Point;
import io.gemba.collector.telemetry.BatteryTest;
import io.gemba.collector.telemetry.CounterReading;
import io.gemba.collector.telemetry.CycleCompleted;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.OrderEvent;
import io.gemba.collector.telemetry.StateChange;
import io.gemba.collector.telemetry.TelemetryEvent;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Objects;

/**
 * A station's state timeline (ADR 0004, ADR 0010): applies its events in time order to its {@link
 * StationCore} and its minute buckets, slicing its time by minute, shift and break into segments
 * (planned time, stops by state and class, units with their ideal time), and copies the core at
 * every minute boundary, where a replay may start. Which events it applies, and when again, is the
 * {@link StationTracker}'s; what it makes besides the buckets (raw points, data-quality counts)
 * goes to its {@link Output}.
 */
final class StationTimeline {

  /** Where the timeline's raw points go, and which events are applied for the first time. */
  interface Output {
    void raw(long eventMs, Point point);

    /** Whether {@code event} is applied for the first time: its data-quality counts count. */
    boolean firstApplication(TelemetryEvent event);
  }

  private final StationTags tags;
  private final StationConfig config;
  private final EngineContext ctx;
  private final MinuteSlicer slicer;
  private final MinuteSlicer.Sink accrual = this::accrue;
  private final Output output;

  /** The station's state now; a replay puts a copy of an earlier one in its place. */
  StationCore core;

  /** The minutes not settled yet, oldest first. */
  final ArrayDeque<MinuteBucket> buckets = new ArrayDeque<>();

  /** The core at each minute boundary not settled yet, before the events at that instant. */
  final TimedLog<StationCore> snapshots = new TimedLog<>();

  /** The segment time was last added to, for the fast path of {@link #advance}; may be stale. */
  Segment lastAccrued;

  long lastAccruedMinute = NONE;

  /** The oldest minute whose stops changed class since its points were emitted. */
  long redoFrom = Long.MAX_VALUE;

  /**
   * The product whose configured ideal cycle time {@link #idealMs} looked up last, and that time: a
   * station makes one product for long, and its counts ask for it every time.
   */
  private String idealProduct;

  private double idealProductMs;
  private boolean idealKnown;

  /**
   * Data-quality counts of the messages, each counted once, when it is first applied (in order, or
   * in the replay its arrival makes), against what the station knew then: a replay or a restore
   * does not count them again.
   */
  long countsWhileStopped;

  long counterJumps;

  StationTimeline(
      StationTags tags,
      StationConfig config,
      EngineContext ctx,
      MinuteSlicer slicer,
      Output output,
      StationCore initial) {
    this.tags = tags;
    this.config = config;
    this.ctx = ctx;
    this.slicer = slicer;
    this.output = output;
    this.core = initial;
  }

  /**
   * Where a silence from the station's last message would be undone from, if a message of the
   * silence timeout after it comes: from that message, or if a stop under way then could still be a
   * micro-stop, from the stop's start (its class may change).
   */
  long silenceUndoneFrom() {
    return core.inStop() && core.heardMs - core.sinceMs < ctx.thresholdMs
        ? core.sinceMs
        : core.heardMs;
  }

  /** Goes back to {@code copy} of an earlier core, to apply the events from there again. */
  void resetTo(StationCore copy) {
    core = copy;
    lastAccrued = null;
  }

  void apply(TelemetryEvent event, long ts) {
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
    } else if (event instanceof BatteryTest test) {
      onTest(test, ts);
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
    output.raw(
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
      output.raw(ts, Points.downtime(tags, core.sinceMs, core.state, core.reason, durationMs));
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
    double idealMs = idealMs(core.product);
    if (made == 0) {
      // What the minute made so far counts under the status of its last reading, this one.
      core.minuteCount.restate(
          floorMinute(ts), ts, core.order, core.product, idealMs, ts < core.startupUntilMs);
      return;
    }
    if (output.firstApplication(reading)) {
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
    output.raw(ts, Points.cycle(tags, ts, product, cycle.result().name(), cycle.cycleMs()));
    if (core.counterMode) {
      return; // the counters count this unit
    }
    if (output.firstApplication(cycle) && stoppedSince(ts - cycle.cycleMs())) {
      countsWhileStopped++;
    }
    long good = cycle.result() == CycleCompleted.Result.OK ? 1 : 0;
    addUnits(ts, product, 1, good, idealMs(product));
  }

  /**
   * A battery test is a unit made at its station, good unless it failed (by the limits, else by the
   * station's verdict); its points are the battery quality's.
   */
  private void onTest(BatteryTest test, long ts) {
    if (core.order == null) {
      core.product = test.product();
    }
    if (core.counterMode) {
      return; // the counters count this unit
    }
    String product = test.product();
    boolean good = BatteryJudgement.of(test, ctx.limits(test.product())).good();
    addUnits(ts, product, 1, good ? 1 : 0, idealMs(product));
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
  void applyDeferredOrders(long toMs, boolean silent) {
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
  void advance(long toMs, boolean silent) {
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
      core.openSilence(core.heardMs, silenceUndoneFrom());
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
}
