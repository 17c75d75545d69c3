package io.gemba.collector.engine;

import io.gemba.collector.plant.Shift;
import io.gemba.collector.telemetry.MachineState;

/**
 * What a station's future contributions depend on, at one instant of its event time: the state
 * period it is in, where its counters stand, its order and product, and the data-quality counts
 * derived from its events. The tracker copies it at every minute boundary, so that an event that
 * arrives late is applied by going back to the copy and replaying the events since (ADR 0004).
 *
 * <p>Its counters are its own fields, inherited from {@link CounterTracker}, not an object of their
 * own: most events are counter readings, and this saves fetching one object per event (the
 * measurement is in docs/benchmarks.md).
 */
final class StationCore extends CounterTracker {

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

  long countsWhileStopped;
  long counterJumps;
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
    copyCountersTo(copy);
    copy.lastCountMs = lastCountMs;
    copy.order = order;
    copy.product = product;
    copy.orderIdealMs = orderIdealMs;
    copy.startupUntilMs = startupUntilMs;
    copy.shift = shift;
    copy.countsWhileStopped = countsWhileStopped;
    copy.counterJumps = counterJumps;
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
        state(),
        EngineCheckpoint.orNull(lastCountMs),
        order,
        product,
        orderIdealMs,
        EngineCheckpoint.orNull(startupUntilMs),
        shift == null ? null : shift.start().toEpochMilli(),
        countsWhileStopped,
        counterJumps,
        counterResets,
        unitsWithoutIdeal);
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
      core.restoreCounters(saved.counters());
    }
    core.lastCountMs = EngineCheckpoint.orNone(saved.lastCountMs());
    core.order = saved.order();
    core.product = saved.product();
    core.orderIdealMs = saved.orderIdealMs();
    core.startupUntilMs = EngineCheckpoint.orNone(saved.startupUntilMs());
    core.shift = saved.shiftStartMs() == null ? null : slicer.shiftAt(saved.shiftStartMs());
    core.countsWhileStopped = saved.countsWhileStopped();
    core.counterJumps = saved.counterJumps();
    core.counterResets = saved.counterResets();
    core.unitsWithoutIdeal = saved.unitsWithoutIdeal();
    return core;
  }

  /** Whether the station is in a stop period that is still unclassified or long. */
  boolean inStop() {
    return stateKnown && StopTally.isStop(state);
  }
}
