package io.gemba.collector.engine;

import io.gemba.collector.kpi.StopSums;
import io.gemba.collector.telemetry.MachineState;

/** A mutable {@link StopSums}: stop time by state and DOWN periods, added to as time passes. */
final class StopTally {

  long downMs;
  long changeoverMs;
  long idleMs;
  long offlineMs;
  long downEvents;

  /** Adds {@code ms} of time in the stop state {@code state}. */
  void add(MachineState state, long ms) {
    switch (state) {
      case DOWN -> downMs += ms;
      case CHANGEOVER -> changeoverMs += ms;
      case IDLE -> idleMs += ms;
      case OFFLINE -> offlineMs += ms;
      default -> throw new IllegalArgumentException(state + " is not a stop");
    }
  }

  /** Moves everything of {@code other} into this tally, leaving {@code other} empty. */
  void takeAll(StopTally other) {
    downMs += other.downMs;
    changeoverMs += other.changeoverMs;
    idleMs += other.idleMs;
    offlineMs += other.offlineMs;
    downEvents += other.downEvents;
    other.downMs = 0;
    other.changeoverMs = 0;
    other.idleMs = 0;
    other.offlineMs = 0;
    other.downEvents = 0;
  }

  boolean isEmpty() {
    return (downMs | changeoverMs | idleMs | offlineMs | downEvents) == 0;
  }

  StopSums toSums() {
    return isEmpty()
        ? StopSums.NONE
        : new StopSums(downMs, changeoverMs, idleMs, offlineMs, downEvents);
  }

  /** Whether a state is a stop: time in it within planned time is stop time. */
  static boolean isStop(MachineState state) {
    return state == MachineState.DOWN
        || state == MachineState.CHANGEOVER
        || state == MachineState.IDLE
        || state == MachineState.OFFLINE;
  }
}
