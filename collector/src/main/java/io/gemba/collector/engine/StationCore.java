package io.gemba.collector.engine;

import io.gemba.collector.plant.Shift;
import io.gemba.collector.telemetry.MachineState;
import io.gemba.collector.telemetry.OrderEvent;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * What a station's future contributions depend on, at one instant of its event time: the state
 * period it is in, where its counters stand, its order and product, and the data-quality counts
 * derived from its facts (counter resets, units without an ideal cycle time). The tracker copies it
 * at every minute boundary, so that an event that arrives late is applied by going back to the copy
 * and replaying the events since (ADR 0004).
 */
final class StationCore {

  static final long NONE = Long.MIN_VALUE;

  /** How a stop period is classified. */
  enum StopClass {
    /** Still going on and shorter than the micro-stop threshold: a micro-stop for now. */
    OPEN,
    /** Ended shorter than the threshold. */
    MICRO,
    /** Reached the threshold. */
    LONG
  }

  /** Where the station's cumulative counters stand. */
  final CounterTracker counters = new CounterTracker();

  /** What the counters made in the minute of the last reading, not in its bucket yet. */
  final MinuteCount minuteCount = new MinuteCount();

  /** The instant up to which time has been added to the buckets; {@link #NONE} before any. */
  long clockMs = NONE;

  MachineState state = MachineState.RUNNING;

  /** Whether a state message was seen; before the first, a station is taken to be running. */
  boolean stateKnown;

  String reason;
  Integer code;
  long sinceMs = NONE;
  StopClass stopClass = StopClass.OPEN;

  /** Whether production comes from counters (after the first count) rather than cycles. */
  boolean counterMode;

  /** Whether a count came since the start of the last shift entered. */
  boolean countsThisShift;

  /** Whether the station has entered a shift since it started. */
  boolean shiftEntered;

  long lastCountMs = NONE;

  String order;
  String product;
  long orderIdealMs;
  long startupUntilMs = NONE;
  Shift shift;

  /**
   * The time of the station's last message that says it is there (a state, count, cycle or
   * heartbeat, not an order), or {@link #NONE}.
   */
  long heardMs = NONE;

  /** Whether the station is silent: its time since {@link #heardMs} counts as {@code OFFLINE}. */
  boolean silent;

  /** An order after the station's last message, waiting for its next (see the tracker's apply). */
  record DeferredOrder(long ts, OrderEvent order) {}

  /**
   * The orders after the station's last message, in time order; {@code null} while there are none.
   * Not copied and not saved: they are kept events after the clock, which a replay applies again.
   */
  ArrayDeque<DeferredOrder> deferredOrders;

  void deferOrder(long ts, OrderEvent order) {
    if (deferredOrders == null) {
      deferredOrders = new ArrayDeque<>(2);
    }
    deferredOrders.addLast(new DeferredOrder(ts, order));
  }

  long counterResets;
  long unitsWithoutIdeal;

  StationCore copy() {
    StationCore copy = new StationCore();
    copy.clockMs = clockMs;
    copy.state = state;
    copy.stateKnown = stateKnown;
    copy.reason = reason;
    copy.code = code;
    copy.sinceMs = sinceMs;
    copy.stopClass = stopClass;
    copy.counterMode = counterMode;
    copy.countsThisShift = countsThisShift;
    copy.shiftEntered = shiftEntered;
    counters.copyTo(copy.counters);
    minuteCount.copyTo(copy.minuteCount);
    copy.lastCountMs = lastCountMs;
    copy.order = order;
    copy.product = product;
    copy.orderIdealMs = orderIdealMs;
    copy.startupUntilMs = startupUntilMs;
    copy.shift = shift;
    copy.heardMs = heardMs;
    copy.silent = silent;
    copy.openSilences = openSilences == null ? null : openSilences.clone();
    copy.counterResets = counterResets;
    copy.unitsWithoutIdeal = unitsWithoutIdeal;
    return copy;
  }

  EngineCheckpoint.CoreState toState() {
    return new EngineCheckpoint.CoreState(
        EngineCheckpoint.orNull(clockMs),
        state.name(),
        stateKnown,
        reason,
        code,
        EngineCheckpoint.orNull(sinceMs),
        stopClass.name(),
        counterMode,
        countsThisShift,
        shiftEntered,
        counters.state(),
        EngineCheckpoint.orNull(lastCountMs),
        order,
        product,
        orderIdealMs,
        EngineCheckpoint.orNull(startupUntilMs),
        shift == null ? null : shift.start().toEpochMilli(),
        counterResets,
        unitsWithoutIdeal,
        EngineCheckpoint.orNull(heardMs),
        silent,
        openSilences == null ? null : openSilences.clone(),
        minuteCount.state());
  }

  /** The core saved in {@code saved}; its shift is looked up again in the site's calendar. */
  static StationCore fromState(EngineCheckpoint.CoreState saved, MinuteSlicer slicer) {
    StationCore core = new StationCore();
    core.clockMs = EngineCheckpoint.orNone(saved.clockMs());
    core.state = MachineState.valueOf(saved.state());
    core.stateKnown = saved.stateKnown();
    core.reason = saved.reason();
    core.code = saved.code();
    core.sinceMs = EngineCheckpoint.orNone(saved.sinceMs());
    core.stopClass = StopClass.valueOf(saved.stopClass());
    core.counterMode = saved.counterMode();
    core.countsThisShift = saved.countsThisShift();
    core.shiftEntered = saved.shiftEntered();
    if (saved.counters() != null) {
      core.counters.restore(saved.counters());
    }
    core.lastCountMs = EngineCheckpoint.orNone(saved.lastCountMs());
    core.order = saved.order();
    core.product = saved.product();
    core.orderIdealMs = saved.orderIdealMs();
    core.startupUntilMs = EngineCheckpoint.orNone(saved.startupUntilMs());
    core.shift = saved.shiftStartMs() == null ? null : slicer.shiftAt(saved.shiftStartMs());
    core.counterResets = saved.counterResets();
    core.unitsWithoutIdeal = saved.unitsWithoutIdeal();
    core.heardMs = EngineCheckpoint.orNone(saved.heardMs());
    core.silent = saved.silent();
    core.openSilences = saved.openSilences();
    core.minuteCount.restore(saved.minuteCount());
    return core;
  }

  /**
   * The silences that a late message may still undo, as pairs of their start (the last message
   * before) and the time from which undoing one changes the station's time (its start, or the start
   * of the micro-stop it ended), oldest first; {@code null} while there are none.
   */
  long[] openSilences;

  /** A silence begins at {@code heardMs}; undoing it changes the time from {@code undoFromMs}. */
  void openSilence(long heardMs, long undoFromMs) {
    int n = openSilences == null ? 0 : openSilences.length;
    openSilences = openSilences == null ? new long[2] : Arrays.copyOf(openSilences, n + 2);
    openSilences[n] = heardMs;
    openSilences[n + 1] = undoFromMs;
  }

  /** Forgets the silences that began before {@code heardBeforeMs}: no message can undo them. */
  void closeSilences(long heardBeforeMs) {
    if (openSilences == null) {
      return;
    }
    int keep = 0;
    while (keep < openSilences.length && openSilences[keep] < heardBeforeMs) {
      keep += 2;
    }
    openSilences =
        keep == openSilences.length
            ? null
            : Arrays.copyOfRange(openSilences, keep, openSilences.length);
  }

  /**
   * The earliest time from which a message at {@code ts} changes the station's time by undoing a
   * silence (one that began before {@code ts}, at most {@code silenceMs} before it), or {@link
   * #NONE}. With {@code ts} {@link Long#MAX_VALUE}: of any open silence.
   */
  long silenceUndoneFrom(long ts, long silenceMs) {
    long from = NONE;
    if (openSilences != null) {
      for (int i = 0; i < openSilences.length; i += 2) {
        long heard = openSilences[i];
        if (heard < ts && (ts == Long.MAX_VALUE || ts - heard <= silenceMs)) {
          long undo = openSilences[i + 1];
          from = from == NONE ? undo : Math.min(from, undo);
        }
      }
    }
    return from;
  }

  /**
   * Whether the station is in a stop period that is still unclassified or long (or was, when its
   * silence began: a message of the next silence timeout may show that it went on).
   */
  boolean inStop() {
    return stateKnown && StopTally.isStop(state);
  }
}
