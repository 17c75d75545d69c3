package io.gemba.collector.telemetry;

/** The state of a station, as a state message or a mapped PLC state code reports it. */
public enum MachineState {
  /** Producing. */
  RUNNING,
  /** Able to run but starved of parts or blocked by the next station. */
  IDLE,
  /** Unplanned stop: breakdown, jam, fault. */
  DOWN,
  /** Setup and adjustment for another product. */
  CHANGEOVER,
  /** Planned stop: planned maintenance, no orders, team meeting. Not planned production time. */
  PLANNED_STOP,
  /** No data from the PLC. */
  OFFLINE
}
