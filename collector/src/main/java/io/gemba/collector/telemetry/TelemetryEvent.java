package io.gemba.collector.telemetry;

import java.time.Instant;

/** One message of the telemetry contract, validated: one record type per channel. */
public sealed interface TelemetryEvent extends Decoded
    permits StateChange,
        CounterReading,
        OrderEvent,
        CycleCompleted,
        BatteryTest,
        PartConsumed,
        Audit5s,
        KaizenUpdate,
        Heartbeat {

  /** Topic, event time and sequence number. */
  Envelope envelope();

  /** The channel of this event. */
  Channel channel();

  /** Shorthand for {@code envelope().topic()}. */
  default Topic topic() {
    return envelope().topic();
  }

  /** Shorthand for {@code envelope().ts()}: the event time. */
  default Instant ts() {
    return envelope().ts();
  }
}
