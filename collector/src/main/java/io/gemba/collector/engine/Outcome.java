package io.gemba.collector.engine;

/** What the engine did with an event. */
public enum Outcome {
  /** Applied to its station, in order or as a correction of buckets already emitted. */
  APPLIED,
  /**
   * Older than the station's watermark (its latest event time less the allowed lateness, or the
   * last tick less the lateness): rejected and counted.
   */
  LATE,
  /** The same event as one already applied (same topic, sequence and time): dropped. */
  DUPLICATE,
  /** A heartbeat without a station, or an order for a whole area: nothing to do here. */
  IGNORED,
  /**
   * Of a station (or a whole line) that the configuration does not name, new, while the engine
   * already holds as many of those as its bound: refused and counted.
   */
  TOO_MANY_STATIONS
}
